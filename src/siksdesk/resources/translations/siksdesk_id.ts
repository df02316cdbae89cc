<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Version:</source>
        <translation>Versi:</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Folder data:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Database:</translation>
    </message>
    <message>
        <source>Log file:</source>
        <translation>Berkas log:</translation>
    </message>
    <message>
        <source>Settings file:</source>
        <translation>Berkas pengaturan:</translation>
    </message>
    <message>
        <source>Qt:</source>
        <translation>Qt:</translation>
    </message>
    <message>
        <source>Python:</source>
        <translation>Python:</translation>
    </message>
    <message>
        <source>System:</source>
        <translation>Sistem:</translation>
    </message>
    <message>
        <source>About siksdesk</source>
        <translation>Tentang siksdesk</translation>
    </message>
    <message>
        <source>The village operator&apos;s desk for the social-welfare registry (DTKS). Works offline; the data stays on this computer.</source>
        <translation>Meja kerja operator desa untuk registri kesejahteraan sosial (DTKS). Bekerja tanpa internet; data tetap di komputer ini.</translation>
    </message>
    <message>
        <source>Free software under the {licence} licence.</source>
        <translation>Perangkat lunak bebas dengan lisensi {licence}.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Salin keterangan</translation>
    </message>
    <message>
        <source>The details are on the clipboard.</source>
        <translation>Keterangan sudah disalin ke papan klip.</translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <source>Add account</source>
        <translation>Tambah akun</translation>
    </message>
    <message>
        <source>A new account for an operator or a Kepala Desa. The password needs at least {minimum} characters. A Kepala Desa account gets a recovery code, shown once.</source>
        <translation>Akun baru untuk operator atau Kepala Desa. Kata sandi paling sedikit {minimum} karakter. Akun Kepala Desa mendapat kode pemulihan yang hanya ditampilkan satu kali.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Tambah</translation>
    </message>
    <message>
        <source>e.g. siti</source>
        <translation>mis. siti</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Nama lengkap:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>Nama &amp;pengguna:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>P&amp;eran:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Kata sandi:</translation>
    </message>
    <message>
        <source>Re&amp;peat the password:</source>
        <translation>&amp;Ulangi kata sandi:</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Atur ulang kata sandi</translation>
    </message>
    <message>
        <source>Set a temporary password for {account}. Tell it to the operator; they must choose their own at the next login.</source>
        <translation>Buat kata sandi sementara untuk {account}. Beri tahukan kata sandi ini kepada operator; ia wajib memilih kata sandinya sendiri saat masuk berikutnya.</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Atur ulang</translation>
    </message>
    <message>
        <source>&amp;Temporary password:</source>
        <translation>Kata sandi se&amp;mentara:</translation>
    </message>
    <message>
        <source>Re&amp;peat it:</source>
        <translation>&amp;Ulangi kata sandi:</translation>
    </message>
    <message>
        <source>Enable account</source>
        <translation>Aktifkan akun</translation>
    </message>
    <message>
        <source>{account} can log in again after this.</source>
        <translation>Setelah ini {account} dapat masuk lagi.</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Aktifkan</translation>
    </message>
    <message>
        <source>Disable account</source>
        <translation>Nonaktifkan akun</translation>
    </message>
    <message>
        <source>{account} can no longer log in until the account is enabled again. Nothing they saved is removed.</source>
        <translation>{account} tidak dapat masuk lagi sampai akunnya diaktifkan kembali. Data yang sudah disimpannya tidak dihapus.</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Nonaktifkan</translation>
    </message>
    <message>
        <source>New recovery code</source>
        <translation>Kode pemulihan baru</translation>
    </message>
    <message>
        <source>A new recovery code replaces the old one, which then no longer works. Have paper and pen ready.</source>
        <translation>Kode pemulihan baru menggantikan kode lama, yang setelah itu tidak berlaku lagi. Siapkan kertas dan pulpen.</translation>
    </message>
    <message>
        <source>Make the code</source>
        <translation>Buat kode</translation>
    </message>
    <message>
        <source>{name}, your password was set by the Kepala Desa. Choose your own password now (at least {minimum} characters); only you should know it.</source>
        <translation>{name}, kata sandi Anda dibuat oleh Kepala Desa. Pilih kata sandi Anda sendiri sekarang (paling sedikit {minimum} karakter); hanya Anda yang boleh mengetahuinya.</translation>
    </message>
    <message>
        <source>A new password for {name} (at least {minimum} characters).</source>
        <translation>Kata sandi baru untuk {name} (paling sedikit {minimum} karakter).</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Ganti kata sandi</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Ganti</translation>
    </message>
    <message>
        <source>C&amp;urrent password:</source>
        <translation>Kata sandi saat &amp;ini:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>Kata sandi &amp;baru:</translation>
    </message>
    <message>
        <source>Re&amp;peat the new password:</source>
        <translation>&amp;Ulangi kata sandi baru:</translation>
    </message>
    <message>
        <source>Choose a password different from the temporary one.</source>
        <translation>Pilih kata sandi yang berbeda dari kata sandi sementara.</translation>
    </message>
    <message>
        <source>Confirm with your password</source>
        <translation>Konfirmasi dengan kata sandi Anda</translation>
    </message>
    <message>
        <source>Your pass&amp;word:</source>
        <translation>Kata &amp;sandi Anda:</translation>
    </message>
    <message>
        <source>Approval by the Kepala Desa</source>
        <translation>Persetujuan Kepala Desa</translation>
    </message>
    <message>
        <source>&amp;Kepala Desa:</source>
        <translation>Kepala &amp;Desa:</translation>
    </message>
    <message>
        <source>Kepala Desa&apos;s &amp;username:</source>
        <translation>Nama pengguna Kepala &amp;Desa:</translation>
    </message>
    <message>
        <source>Kepala Desa&apos;s pass&amp;word:</source>
        <translation>Kata &amp;sandi Kepala Desa:</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Kode pemulihan</translation>
    </message>
    <message>
        <source>Write this code down and keep it somewhere safe, away from the laptop. With it the Kepala Desa can set a new password when the old one is forgotten. It is shown only now; the old code no longer works.</source>
        <translation>Catat kode ini dan simpan di tempat yang aman, jauh dari laptop. Dengan kode ini Kepala Desa dapat membuat kata sandi baru bila kata sandi lama terlupa. Kode ini hanya ditampilkan sekarang; kode yang lama tidak berlaku lagi.</translation>
    </message>
    <message>
        <source>I have &amp;written this code down</source>
        <translation>Saya sudah &amp;mencatat kode ini</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>Terakhir masuk</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>Wajib ganti kata sandi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ya</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Nonaktif</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <source>User accounts</source>
        <translation>Akun pengguna</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>&amp;Tambah akun…</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>&amp;Atur ulang kata sandi…</translation>
    </message>
    <message>
        <source>&amp;Disable…</source>
        <translation>&amp;Nonaktifkan…</translation>
    </message>
    <message>
        <source>New re&amp;covery code…</source>
        <translation>&amp;Kode pemulihan baru…</translation>
    </message>
    <message>
        <source>&amp;Change my password…</source>
        <translation>&amp;Ganti kata sandi saya…</translation>
    </message>
    <message>
        <source>Logged in as {name} ({role}).</source>
        <translation>Masuk sebagai {name} ({role}).</translation>
    </message>
    <message>
        <source>Your account has no recovery code yet: make one with &quot;New recovery code…&quot; and write it down.</source>
        <translation>Akun Anda belum memiliki kode pemulihan: buat kode dengan &quot;Kode pemulihan baru…&quot; lalu catat.</translation>
    </message>
    <message>
        <source>&amp;Enable…</source>
        <translation>Akti&amp;fkan…</translation>
    </message>
    <message>
        <source>Account {username} added.</source>
        <translation>Akun {username} sudah ditambahkan.</translation>
    </message>
    <message>
        <source>A temporary password is set for {username}; it must be changed at the next login.</source>
        <translation>Kata sandi sementara untuk {username} sudah dibuat; kata sandi itu wajib diganti saat masuk berikutnya.</translation>
    </message>
    <message>
        <source>Account {username} enabled.</source>
        <translation>Akun {username} sudah diaktifkan.</translation>
    </message>
    <message>
        <source>Account {username} disabled.</source>
        <translation>Akun {username} sudah dinonaktifkan.</translation>
    </message>
    <message>
        <source>A new recovery code is made; the old one no longer works.</source>
        <translation>Kode pemulihan baru sudah dibuat; kode yang lama tidak berlaku lagi.</translation>
    </message>
    <message>
        <source>Your password is changed.</source>
        <translation>Kata sandi Anda sudah diganti.</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Daily (automatic)</source>
        <translation>Harian (otomatis)</translation>
    </message>
    <message>
        <source>Made by hand</source>
        <translation>Dibuat manual</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>Sebelum impor</translation>
    </message>
    <message>
        <source>Before an update of the app</source>
        <translation>Sebelum pembaruan aplikasi</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>Sebelum pemulihan</translation>
    </message>
    <message>
        <source>Other ({reason})</source>
        <translation>Lainnya ({reason})</translation>
    </message>
    <message>
        <source>Backup passphrase</source>
        <translation>Frasa sandi cadangan</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>Frasa sandi:</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>Ulangi:</translation>
    </message>
    <message>
        <source>Without this passphrase nobody — not even you — can open the backup. Write it down and keep it apart from the USB stick.</source>
        <translation>Tanpa frasa sandi ini tidak seorang pun — termasuk Anda — dapat membuka cadangan. Catat frasa sandi ini dan simpan terpisah dari flashdisk.</translation>
    </message>
    <message>
        <source>At least {count} characters.</source>
        <translation>Minimal {count} karakter.</translation>
    </message>
    <message>
        <source>The two entries differ.</source>
        <translation>Kedua isian tidak sama.</translation>
    </message>
    <message>
        <source>Choose the USB stick or folder</source>
        <translation>Pilih flashdisk atau folder</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Pilih cadangan</translation>
    </message>
    <message>
        <source>siksdesk backups (*.siksbak *.sqlite3)</source>
        <translation>Cadangan siksdesk (*.siksbak *.sqlite3)</translation>
    </message>
    <message>
        <source>Restore a backup?</source>
        <translation>Pulihkan cadangan?</translation>
    </message>
    <message>
        <source>All data now in siksdesk will be REPLACED by the backup {name}. Changes made after that backup are lost from the registry (the current data is backed up first). siksdesk closes when the restore is done; nothing is sent to the district until it has caught up again.</source>
        <translation>Semua data yang sekarang ada di siksdesk akan DIGANTI dengan cadangan {name}. Perubahan yang dibuat setelah cadangan itu hilang dari data desa (data yang sekarang dicadangkan lebih dulu). siksdesk akan tertutup setelah pemulihan selesai; tidak ada yang dikirim ke kabupaten sampai datanya lengkap kembali.</translation>
    </message>
    <message>
        <source>Replace the data</source>
        <translation>Ganti data</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Cadangan</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Ukuran</translation>
    </message>
    <message>
        <source>Automatic backups are kept in {folder}.</source>
        <translation>Cadangan otomatis disimpan di {folder}.</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Cadangkan sekarang</translation>
    </message>
    <message>
        <source>Back up to USB…</source>
        <translation>Cadangkan ke USB…</translation>
    </message>
    <message>
        <source>Restore selected…</source>
        <translation>Pulihkan yang dipilih…</translation>
    </message>
    <message>
        <source>Restore from a file or USB…</source>
        <translation>Pulihkan dari berkas atau USB…</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} MB</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Mencadangkan…</translation>
    </message>
    <message>
        <source>The backup was written and checked.</source>
        <translation>Cadangan sudah ditulis dan diperiksa.</translation>
    </message>
    <message>
        <source>Writing the encrypted backup to {folder}…</source>
        <translation>Menulis cadangan terenkripsi ke {folder}…</translation>
    </message>
    <message>
        <source>The encrypted backup was written and read back:
{file}</source>
        <translation>Cadangan terenkripsi sudah ditulis dan dibaca ulang:
{file}</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Memulihkan…</translation>
    </message>
    <message>
        <source>The data were restored from {name}. siksdesk now reopens with them; sign in again.</source>
        <translation>Data dipulihkan dari {name}. siksdesk sekarang dibuka ulang dengan data itu; silakan masuk lagi.</translation>
    </message>
    <message>
        <source>The daily backup could not be written: {reason}</source>
        <translation>Cadangan harian tidak dapat ditulis: {reason}</translation>
    </message>
</context>
<context>
    <name>BnbaImport</name>
    <message>
        <source>Map the columns</source>
        <translation>Cocokkan kolom</translation>
    </message>
    <message>
        <source>Some columns of {file} are not known. Choose what each column holds; the answer is remembered for files with the same columns.</source>
        <translation>Beberapa kolom di {file} tidak dikenal. Pilih isi setiap kolom; jawaban Anda diingat untuk berkas dengan kolom yang sama.</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Kolom di berkas</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Isian</translation>
    </message>
    <message>
        <source>Name of this format</source>
        <translation>Nama format ini</translation>
    </message>
    <message>
        <source>Import preview</source>
        <translation>Pratinjau impor</translation>
    </message>
    <message>
        <source>{file} (sheet {sheet}, format {profile}): {new} new, {update} to update, {unchanged} unchanged, {conflict} conflicts with unsent local edits, {rejected} rejected. Nothing has been saved yet.</source>
        <translation>{file} (lembar {sheet}, format {profile}): {new} baru, {update} berubah, {unchanged} tidak berubah, {conflict} bentrok dengan perubahan Anda yang belum dikirim, {rejected} ditolak. Belum ada yang disimpan.</translation>
    </message>
    <message>
        <source>The village&apos;s BPS code {code} will be recorded.</source>
        <translation>Kode BPS desa {code} akan dicatat.</translation>
    </message>
    <message>
        <source>All rows</source>
        <translation>Semua baris</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Impor</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Membaca {file}…</translation>
    </message>
    <message>
        <source>Import BNBA list</source>
        <translation>Impor daftar BNBA</translation>
    </message>
    <message>
        <source>File not imported</source>
        <translation>Berkas tidak diimpor</translation>
    </message>
    <message>
        <source>Saving the import…</source>
        <translation>Menyimpan hasil impor…</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Impor selesai</translation>
    </message>
    <message>
        <source>{households} households and {people} members were written.</source>
        <translation>{households} ruta dan {people} ART tersimpan.</translation>
    </message>
    <message>
        <source>Excel or CSV (*.xlsx *.csv)</source>
        <translation>Excel atau CSV (*.xlsx *.csv)</translation>
    </message>
</context>
<context>
    <name>BnbaPreview</name>
    <message>
        <source>New</source>
        <translation>Baru</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Berubah</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Tidak berubah</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Bentrok</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ya</translation>
    </message>
    <message>
        <source>no</source>
        <translation>tidak</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Baris</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Changes or reason</source>
        <translation>Perubahan atau alasan</translation>
    </message>
</context>
<context>
    <name>CatalogueForm</name>
    <message>
        <source>– not filled in –</source>
        <translation>– belum diisi –</translation>
    </message>
    <message>
        <source>{code} – (unknown code)</source>
        <translation>{code} – (kode tidak dikenal)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ya</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Tidak</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>kosong</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>siksdesk — unexpected error</source>
        <translation>siksdesk — kesalahan tak terduga</translation>
    </message>
    <message>
        <source>Something went wrong inside siksdesk. Changes that were already saved are safe. Please copy the report below and send it to the person who supports you, together with what you were doing.</source>
        <translation>Terjadi kesalahan di dalam siksdesk. Perubahan yang sudah tersimpan tetap aman. Salin laporan di bawah ini dan kirimkan kepada orang yang mendampingi Anda, beserta keterangan apa yang sedang Anda kerjakan.</translation>
    </message>
    <message>
        <source>(no log file)</source>
        <translation>(tidak ada berkas log)</translation>
    </message>
    <message>
        <source>Log file: {path}</source>
        <translation>Berkas log: {path}</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>Salin laporan</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>The report is on the clipboard.</source>
        <translation>Laporan sudah disalin ke papan klip.</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Households</source>
        <translation>Rumah tangga</translation>
    </message>
    <message>
        <source>People (members)</source>
        <translation>Jiwa (ART)</translation>
    </message>
    <message>
        <source>Households verified</source>
        <translation>Ruta sudah diverivali</translation>
    </message>
    <message>
        <source>Not yet verified</source>
        <translation>Belum diverivali</translation>
    </message>
    <message>
        <source>Households with data problems</source>
        <translation>Ruta dengan masalah data</translation>
    </message>
    <message>
        <source>Households with open proposals</source>
        <translation>Ruta dengan usulan belum diputuskan</translation>
    </message>
    <message>
        <source>Open the list of the households not yet verified</source>
        <translation>Buka daftar ruta yang belum diverivali</translation>
    </message>
    <message>
        <source>Households per dusun</source>
        <translation>Ruta per dusun</translation>
    </message>
    <message>
        <source>No households yet</source>
        <translation>Belum ada ruta</translation>
    </message>
    <message>
        <source>Dusun of the RT chart</source>
        <translation>Dusun untuk grafik RT</translation>
    </message>
    <message>
        <source>Households per RT</source>
        <translation>Ruta per RT</translation>
    </message>
    <message>
        <source>Verification progress</source>
        <translation>Kemajuan verivali</translation>
    </message>
    <message>
        <source>Data quality</source>
        <translation>Kualitas data</translation>
    </message>
    <message>
        <source>No data problems found</source>
        <translation>Tidak ada masalah data</translation>
    </message>
    <message>
        <source>Programme coverage against quota</source>
        <translation>Cakupan program dibanding kuota</translation>
    </message>
    <message>
        <source>No programme recorded yet</source>
        <translation>Belum ada program yang tercatat</translation>
    </message>
    <message>
        <source>Bar: beneficiary households in the registry; red mark: the quota.</source>
        <translation>Batang: ruta penerima di data desa; tanda merah: kuota.</translation>
    </message>
    <message>
        <source>Proposals (usulan) by status</source>
        <translation>Usulan menurut status</translation>
    </message>
    <message>
        <source>No proposals yet</source>
        <translation>Belum ada usulan</translation>
    </message>
    <message>
        <source>Dusun:</source>
        <translation>Dusun:</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Muat ulang</translation>
    </message>
    <message>
        <source>Count everything again (F5)</source>
        <translation>Hitung ulang semuanya (F5)</translation>
    </message>
    <message>
        <source>Re&amp;ports…</source>
        <translation>La&amp;poran…</translation>
    </message>
    <message>
        <source>Rekap per dusun/RT or per programme as PDF or Excel, or print it</source>
        <translation>Rekap per dusun/RT atau per program sebagai PDF atau Excel, atau langsung dicetak</translation>
    </message>
    <message>
        <source>Exchange with the district</source>
        <translation>Pertukaran data dengan kabupaten</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Menghitung…</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} dari {total}</translation>
    </message>
    <message>
        <source>No import yet: the change since the last import shows after the first one.</source>
        <translation>Belum ada impor: perubahan sejak impor terakhir baru tampil setelah impor pertama.</translation>
    </message>
    <message>
        <source>In brackets: the change since the last import ({when}).</source>
        <translation>Dalam kurung: perubahan sejak impor terakhir ({when}).</translation>
    </message>
    <message>
        <source>(no dusun)</source>
        <translation>(tanpa dusun)</translation>
    </message>
    <message>
        <source>{households} households · {people} people</source>
        <translation>{households} ruta · {people} jiwa</translation>
    </message>
    <message>
        <source>Dusun {name}</source>
        <translation>Dusun {name}</translation>
    </message>
    <message>
        <source>RT {rt}</source>
        <translation>RT {rt}</translation>
    </message>
    <message>
        <source>{count} ({share} %)</source>
        <translation>{count} ({share} %)</translation>
    </message>
    <message>
        <source>Invalid NIK</source>
        <translation>NIK tidak valid</translation>
    </message>
    <message>
        <source>Errors (all kinds)</source>
        <translation>Kesalahan (semua jenis)</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Peringatan</translation>
    </message>
    <message>
        <source>Same NIK twice</source>
        <translation>NIK ganda</translation>
    </message>
    <message>
        <source>Missing fields or NIK</source>
        <translation>Isian atau NIK kosong</translation>
    </message>
    <message>
        <source>{households} households</source>
        <translation>{households} ruta</translation>
    </message>
    <message>
        <source>{problems} problems, {people} people</source>
        <translation>{problems} masalah, {people} orang</translation>
    </message>
    <message>
        <source>{count} of {quota}</source>
        <translation>{count} dari {quota}</translation>
    </message>
    <message>
        <source>{count} listed households not in the registry</source>
        <translation>{count} ruta di daftar program tidak ada di data desa</translation>
    </message>
    <message>
        <source>Beneficiaries of {code}</source>
        <translation>Penerima {code}</translation>
    </message>
    <message>
        <source>Proposals: {status}</source>
        <translation>Usulan: {status}</translation>
    </message>
    <message>
        <source>Open the household list with these households</source>
        <translation>Buka daftar ruta dengan ruta-ruta ini</translation>
    </message>
    <message>
        <source>never</source>
        <translation>belum pernah</translation>
    </message>
    <message>
        <source>Last import: {when}</source>
        <translation>Impor terakhir: {when}</translation>
    </message>
    <message>
        <source>Last import: {when} ({kind}); households edited since: {edited}</source>
        <translation>Impor terakhir: {when} ({kind}); ruta yang diubah sejak itu: {edited}</translation>
    </message>
    <message>
        <source>Last bundle sent: {when}</source>
        <translation>Paket terakhir dikirim: {when}</translation>
    </message>
    <message>
        <source>Last bundle sent: {when} (no. {sequence})</source>
        <translation>Paket terakhir dikirim: {when} (no. {sequence})</translation>
    </message>
    <message>
        <source>Last receipt: {when}</source>
        <translation>Tanda terima terakhir: {when}</translation>
    </message>
    <message>
        <source>Last receipt: {when} (bundle no. {sequence}, {status})</source>
        <translation>Tanda terima terakhir: {when} (paket no. {sequence}, {status})</translation>
    </message>
    <message>
        <source>Bundles waiting for a receipt: {count}</source>
        <translation>Paket menunggu tanda terima: {count}</translation>
    </message>
    <message>
        <source>DTKS list (BNBA)</source>
        <translation>daftar DTKS (BNBA)</translation>
    </message>
    <message>
        <source>invalid-NIK list</source>
        <translation>daftar NIK tidak valid</translation>
    </message>
</context>
<context>
    <name>DemoBuild</name>
    <message>
        <source>Creating the demo village</source>
        <translation>Membuat desa demo</translation>
    </message>
    <message>
        <source>siksdesk is filling a practice village with invented households and people, so that you can try everything without real data. This takes a moment.</source>
        <translation>siksdesk sedang mengisi desa latihan dengan rumah tangga dan penduduk rekaan, supaya Anda dapat mencoba semuanya tanpa data asli. Ini memerlukan sedikit waktu.</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <source>Data problems</source>
        <translation>Masalah data</translation>
    </message>
    <message>
        <source>NIK corrections</source>
        <translation>Perbaikan NIK</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>Kemungkinan ganda</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>Usulan</translation>
    </message>
    <message>
        <source>Send to the Dinas</source>
        <translation>Kirim ke Dinas</translation>
    </message>
    <message>
        <source>&amp;New household</source>
        <translation>&amp;Ruta baru</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Pengaturan…</translation>
    </message>
    <message>
        <source>&amp;Import DTKS list (BNBA)…</source>
        <translation>&amp;Impor daftar DTKS (BNBA)…</translation>
    </message>
    <message>
        <source>Import &amp;invalid-NIK list…</source>
        <translation>Impor daftar NIK &amp;tidak valid…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Ekspor…</translation>
    </message>
    <message>
        <source>&amp;Reports…</source>
        <translation>&amp;Laporan…</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>&amp;Cadangan…</translation>
    </message>
    <message>
        <source>Change &amp;history (audit)…</source>
        <translation>Ri&amp;wayat perubahan (audit)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <source>&amp;Rekap</source>
        <translation>&amp;Rekap</translation>
    </message>
    <message>
        <source>Household &amp;list</source>
        <translation>&amp;Daftar ruta</translation>
    </message>
    <message>
        <source>&amp;Data problems</source>
        <translation>&amp;Masalah data</translation>
    </message>
    <message>
        <source>&amp;NIK corrections</source>
        <translation>Perbaikan &amp;NIK</translation>
    </message>
    <message>
        <source>&amp;Possible duplicates</source>
        <translation>Kemungkinan &amp;ganda</translation>
    </message>
    <message>
        <source>&amp;Proposals (usulan)</source>
        <translation>&amp;Usulan</translation>
    </message>
    <message>
        <source>&amp;MusDes…</source>
        <translation>&amp;MusDes…</translation>
    </message>
    <message>
        <source>&amp;Send to the Dinas</source>
        <translation>&amp;Kirim ke Dinas</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>&amp;Sinkronisasi</translation>
    </message>
    <message>
        <source>Mus&amp;Des</source>
        <translation>Mus&amp;Des</translation>
    </message>
</context>
<context>
    <name>DeskAccounts</name>
    <message>
        <source>User &amp;accounts…</source>
        <translation>&amp;Akun pengguna…</translation>
    </message>
    <message>
        <source>Change pass&amp;word…</source>
        <translation>Ganti kata &amp;sandi…</translation>
    </message>
    <message>
        <source>&amp;Lock screen</source>
        <translation>K&amp;unci layar</translation>
    </message>
    <message>
        <source>Set &amp;up your village…</source>
        <translation>Siapkan desa sun&amp;gguhan…</translation>
    </message>
    <message>
        <source>Kepala Desa</source>
        <translation>Kepala Desa</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Signed in: {name} ({role})</source>
        <translation>Masuk sebagai: {name} ({role})</translation>
    </message>
    <message>
        <source>Set up your village</source>
        <translation>Siapkan desa sungguhan</translation>
    </message>
    <message>
        <source>Please wait until the work in progress has finished.</source>
        <translation>Mohon tunggu sampai pekerjaan yang sedang berjalan selesai.</translation>
    </message>
</context>
<context>
    <name>DuplicatePairsModel</name>
    <message>
        <source>Score</source>
        <translation>Skor</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Kiri</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Kanan</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Alasan</translation>
    </message>
</context>
<context>
    <name>DuplicatesView</name>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Family card no.</source>
        <translation>No. KK</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Tanggal lahir</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Jenis kelamin</translation>
    </message>
    <message>
        <source>Mother&apos;s maiden name</source>
        <translation>Nama ibu kandung</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Alamat</translation>
    </message>
    <message>
        <source>RT/RW</source>
        <translation>RT/RW</translation>
    </message>
    <message>
        <source>Dusun</source>
        <translation>Dusun</translation>
    </message>
    <message>
        <source>Household no.</source>
        <translation>No. urut ruta</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Cari</translation>
    </message>
    <message>
        <source>Look for possible duplicates (F5)</source>
        <translation>Cari kemungkinan ganda (F5)</translation>
    </message>
    <message>
        <source>Minimum &amp;score:</source>
        <translation>Skor &amp;minimum:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Press Search to look for people registered twice.</source>
        <translation>Tekan Cari untuk mencari orang yang terdaftar dua kali.</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Kiri</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Kanan</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Catatan (tidak wajib)</translation>
    </message>
    <message>
        <source>&amp;Not a duplicate</source>
        <translation>Bukan &amp;ganda</translation>
    </message>
    <message>
        <source>Keep &amp;left</source>
        <translation>Pertahankan &amp;kiri</translation>
    </message>
    <message>
        <source>Keep &amp;right</source>
        <translation>Pertahankan k&amp;anan</translation>
    </message>
    <message>
        <source>Open l&amp;eft</source>
        <translation>Buka ki&amp;ri</translation>
    </message>
    <message>
        <source>Open ri&amp;ght</source>
        <translation>B&amp;uka kanan</translation>
    </message>
    <message>
        <source>The right record is proposed for deactivation as a duplicate.</source>
        <translation>Data kanan diusulkan nonaktif karena ganda.</translation>
    </message>
    <message>
        <source>The left record is proposed for deactivation as a duplicate.</source>
        <translation>Data kiri diusulkan nonaktif karena ganda.</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>Kemungkinan ganda</translation>
    </message>
    <message>
        <source>Looking for possible duplicates…</source>
        <translation>Mencari kemungkinan ganda…</translation>
    </message>
    <message>
        <source>Cancelling… please wait.</source>
        <translation>Membatalkan… mohon tunggu.</translation>
    </message>
    <message>
        <source>Search cancelled.</source>
        <translation>Pencarian dibatalkan.</translation>
    </message>
    <message>
        <source>The search failed.</source>
        <translation>Pencarian gagal.</translation>
    </message>
    <message>
        <source>No possible duplicates among {people} people.</source>
        <translation>Tidak ada kemungkinan ganda di antara {people} orang.</translation>
    </message>
    <message>
        <source>{pairs} possible duplicate pairs among {people} people.</source>
        <translation>{pairs} pasangan kemungkinan ganda di antara {people} orang.</translation>
    </message>
    <message>
        <source>Differs between the two records</source>
        <translation>Berbeda antara kedua data</translation>
    </message>
    <message>
        <source>Score {score}:</source>
        <translation>Skor {score}:</translation>
    </message>
    <message>
        <source>Not a duplicate: recorded.</source>
        <translation>Bukan ganda: sudah dicatat.</translation>
    </message>
    <message>
        <source>Recorded; the other record is proposed for deactivation as a duplicate.</source>
        <translation>Sudah dicatat; data yang satunya diusulkan nonaktif karena ganda.</translation>
    </message>
</context>
<context>
    <name>EditorBanner</name>
    <message>
        <source>Reload (drop my changes)</source>
        <translation>Muat ulang (buang perubahan saya)</translation>
    </message>
</context>
<context>
    <name>EditorPrompts</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Perubahan belum disimpan</translation>
    </message>
    <message>
        <source>{household} has changes that are not saved yet.</source>
        <translation>{household} punya perubahan yang belum disimpan.</translation>
    </message>
    <message>
        <source>Save them now?</source>
        <translation>Simpan sekarang?</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Buang</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>BNBA list (all households and members)</source>
        <translation>Daftar BNBA (semua ruta dan ART)</translation>
    </message>
    <message>
        <source>Data problems</source>
        <translation>Masalah data</translation>
    </message>
    <message>
        <source>Proposals (usulan)</source>
        <translation>Usulan</translation>
    </message>
    <message>
        <source>NIK corrections</source>
        <translation>Perbaikan NIK</translation>
    </message>
    <message>
        <source>Complete — for the Dinas Sosial</source>
        <translation>Lengkap — untuk Dinas Sosial</translation>
    </message>
    <message>
        <source>Public notice (village board)</source>
        <translation>Pengumuman publik (papan desa)</translation>
    </message>
    <message>
        <source>Field survey (enumerator)</source>
        <translation>Pendataan lapangan (pencacah)</translation>
    </message>
    <message>
        <source>Every column; share it only with the Dinas Sosial.</source>
        <translation>Semua kolom; bagikan hanya kepada Dinas Sosial.</translation>
    </message>
    <message>
        <source>Leaves out birth dates, mothers&apos; names, assets, housing answers and notes; NIK and No. KK are masked.</source>
        <translation>Tanpa tanggal lahir, nama ibu kandung, aset, jawaban perumahan dan catatan; NIK dan No. KK disamarkan.</translation>
    </message>
    <message>
        <source>Keeps names and addresses to find the household; leaves out birth dates, mothers&apos; names, assets and housing answers; NIK and No. KK are masked.</source>
        <translation>Memuat nama dan alamat untuk menemukan rumah tangga; tanpa tanggal lahir, nama ibu kandung, aset dan jawaban perumahan; NIK dan No. KK disamarkan.</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Buku kerja Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>Berkas CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save the export as</source>
        <translation>Simpan hasil ekspor sebagai</translation>
    </message>
    <message>
        <source>Replace file?</source>
        <translation>Timpa berkas?</translation>
    </message>
    <message>
        <source>{file} already exists. Replace it?</source>
        <translation>{file} sudah ada. Timpa berkas itu?</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Ekspor</translation>
    </message>
    <message>
        <source>Excel (.xlsx)</source>
        <translation>Excel (.xlsx)</translation>
    </message>
    <message>
        <source>CSV (.csv)</source>
        <translation>CSV (.csv)</translation>
    </message>
    <message>
        <source>Excel changes long numbers such as NIK when it opens a CSV file directly; choose .xlsx for Excel.</source>
        <translation>Excel mengubah angka panjang seperti NIK bila berkas CSV langsung dibuka di Excel; pilih .xlsx untuk Excel.</translation>
    </message>
    <message>
        <source>Mask NIK and No. KK</source>
        <translation>Samarkan NIK dan No. KK</translation>
    </message>
    <message>
        <source>For lists posted in public: only the region code and the last two digits are shown (352201********01), so nobody can copy a neighbour&apos;s NIK.</source>
        <translation>Untuk daftar yang ditempel di tempat umum: hanya kode wilayah dan dua digit terakhir yang tampil (352201********01), supaya NIK tetangga tidak bisa disalin orang.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <source>List:</source>
        <translation>Daftar:</translation>
    </message>
    <message>
        <source>Purpose:</source>
        <translation>Keperluan:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Berkas:</translation>
    </message>
    <message>
        <source>Choose a file name.</source>
        <translation>Pilih nama berkas.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>Folder {folder} tidak ada.</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Mengekspor</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>Menulis {file}…</translation>
    </message>
    <message>
        <source>{rows} rows were saved to:
{file}</source>
        <translation>{rows} baris disimpan ke:
{file}</translation>
    </message>
    <message>
        <source>NIK and No. KK are masked in this file.</source>
        <translation>NIK dan No. KK di berkas ini disamarkan.</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>Ekspor dibatalkan; tidak ada berkas yang ditulis.</translation>
    </message>
</context>
<context>
    <name>FamilyTableModel</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Family card no.</source>
        <translation>No. KK</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Anggota</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Guide — siksdesk</source>
        <translation>Panduan — siksdesk</translation>
    </message>
    <message>
        <source>Search the guide…</source>
        <translation>Cari di panduan…</translation>
    </message>
    <message>
        <source>Save the shortcut sheet as PDF…</source>
        <translation>Simpan pintasan sebagai PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Found in {count} chapters.</source>
        <translation>Ditemukan di {count} bab.</translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation>Tidak ditemukan.</translation>
    </message>
    <message>
        <source>siksdesk keyboard shortcuts</source>
        <translation>Pintasan keyboard siksdesk</translation>
    </message>
    <message>
        <source>Save the shortcut sheet</source>
        <translation>Simpan daftar pintasan</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Dokumen PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>Tersimpan: {path}</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>&amp;Panduan</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Pintasan &amp;keyboard</translation>
    </message>
    <message>
        <source>Explain the field that has the cursor</source>
        <translation>Jelaskan isian tempat kursor berada</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>Panduan</translation>
    </message>
    <message>
        <source>Household list</source>
        <translation>Daftar ruta</translation>
    </message>
    <message>
        <source>Household editor</source>
        <translation>Formulir rumah tangga</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>added</source>
        <translation>ditambah</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>diubah</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>dihapus</translation>
    </message>
    <message>
        <source>edit</source>
        <translation>edit</translation>
    </message>
    <message>
        <source>import</source>
        <translation>impor</translation>
    </message>
    <message>
        <source>demo village</source>
        <translation>desa demo</translation>
    </message>
    <message>
        <source>sync with the district</source>
        <translation>sinkronisasi dengan Dinas</translation>
    </message>
    <message>
        <source>proposal</source>
        <translation>usulan</translation>
    </message>
    <message>
        <source>MusDes</source>
        <translation>MusDes</translation>
    </message>
    <message>
        <source>changes before the audit trail</source>
        <translation>perubahan sebelum jejak audit</translation>
    </message>
    <message>
        <source>restore from backup</source>
        <translation>pemulihan dari cadangan</translation>
    </message>
    <message>
        <source>accounts</source>
        <translation>akun pengguna</translation>
    </message>
    <message>
        <source>training accounts</source>
        <translation>akun latihan</translation>
    </message>
    <message>
        <source>Could not read the history: {error}</source>
        <translation>Riwayat tidak dapat dibaca: {error}</translation>
    </message>
    <message>
        <source>History of the household</source>
        <translation>Riwayat rumah tangga</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Membaca…</translation>
    </message>
    <message>
        <source>{count} changes, oldest first.</source>
        <translation>{count} perubahan, yang terlama di atas.</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Jejak audit</translation>
    </message>
    <message>
        <source>Check the chain</source>
        <translation>Periksa rantai</translation>
    </message>
    <message>
        <source>{count} entries, newest first.</source>
        <translation>{count} catatan, yang terbaru di atas.</translation>
    </message>
    <message>
        <source>Checking the chain…</source>
        <translation>Memeriksa rantai…</translation>
    </message>
    <message>
        <source>Checking the chain… {done} of {total}</source>
        <translation>Memeriksa rantai… {done} dari {total}</translation>
    </message>
    <message>
        <source>The chain is intact: {entries} entries, {changes} changes.</source>
        <translation>Rantai utuh: {entries} catatan, {changes} perubahan.</translation>
    </message>
    <message>
        <source>The chain is BROKEN: {problem}</source>
        <translation>Rantai RUSAK: {problem}</translation>
    </message>
</context>
<context>
    <name>HouseholdEditor</name>
    <message>
        <source>Next household</source>
        <translation>Rumah tangga berikutnya</translation>
    </message>
    <message>
        <source>Ctrl+PgDown</source>
        <translation>Ctrl+PgDown</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>Save the household</source>
        <translation>Simpan rumah tangga</translation>
    </message>
    <message>
        <source>Add a member</source>
        <translation>Tambah anggota</translation>
    </message>
    <message>
        <source>Next household in the list</source>
        <translation>Rumah tangga berikutnya di daftar</translation>
    </message>
    <message>
        <source>Close the editor</source>
        <translation>Tutup formulir</translation>
    </message>
    <message>
        <source>History of the household (Riwayat)</source>
        <translation>Riwayat rumah tangga</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Rumah tangga</translation>
    </message>
    <message>
        <source>New household no. {number}</source>
        <translation>Rumah tangga baru no. {number}</translation>
    </message>
    <message>
        <source>Household no. {number}</source>
        <translation>Rumah tangga no. {number}</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ada perubahan yang belum disimpan</translation>
    </message>
    <message>
        <source>No unsaved changes</source>
        <translation>Tidak ada perubahan yang belum disimpan</translation>
    </message>
    <message>
        <source>Members ({count})</source>
        <translation>Anggota ({count})</translation>
    </message>
    <message>
        <source>Signed in as Kepala Desa: you can look, but only an operator account saves changes.</source>
        <translation>Anda masuk sebagai Kepala Desa: Anda dapat melihat data, tetapi hanya akun operator yang dapat menyimpan perubahan.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Menyimpan…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Tersimpan.</translation>
    </message>
    <message>
        <source>%n data problem(s) remain in this household.</source>
        <translation>Masih ada %n masalah data di rumah tangga ini.</translation>
    </message>
    <message>
        <source>Nothing was saved. Correct the field, or for a NIK or No. KK that really reads so, tick “Save anyway” under it.</source>
        <translation>Belum ada yang disimpan. Perbaiki isian itu, atau bila NIK/No. KK memang tertulis begitu, centang “Simpan walau bermasalah” di bawahnya.</translation>
    </message>
    <message>
        <source>Something went wrong; nothing was saved. The error report follows.</source>
        <translation>Terjadi kesalahan; tidak ada yang disimpan. Laporan kesalahannya menyusul.</translation>
    </message>
</context>
<context>
    <name>HouseholdHeader</name>
    <message>
        <source>The district&apos;s household ID (read only)</source>
        <translation>ID rumah tangga dari kabupaten (hanya dibaca)</translation>
    </message>
    <message>
        <source>Household no.</source>
        <translation>No. urut ruta</translation>
    </message>
    <message>
        <source>IDBDT</source>
        <translation>IDBDT</translation>
    </message>
    <message>
        <source>Verification date</source>
        <translation>Tanggal verivali</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Alamat</translation>
    </message>
    <message>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <source>Dusun</source>
        <translation>Dusun</translation>
    </message>
    <message>
        <source>Enumerator</source>
        <translation>Pencacah</translation>
    </message>
    <message>
        <source>Checker</source>
        <translation>Pemeriksa</translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <source>No.</source>
        <translation>No. urut</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Nama KRT</translation>
    </message>
    <message>
        <source>Family card no.</source>
        <translation>No. KK</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Alamat</translation>
    </message>
    <message>
        <source>RT/RW</source>
        <translation>RT/RW</translation>
    </message>
    <message>
        <source>Dusun</source>
        <translation>Dusun</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Jumlah ART</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Hasil verivali</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Masalah</translation>
    </message>
    <message>
        <source>Not yet verified</source>
        <translation>Belum diverivali</translation>
    </message>
    <message>
        <source>Unknown code {code}</source>
        <translation>Kode tidak dikenal: {code}</translation>
    </message>
    <message>
        <source>Data problems: {errors} errors, {warnings} warnings</source>
        <translation>Masalah data: {errors} kesalahan, {warnings} peringatan</translation>
    </message>
</context>
<context>
    <name>IdentifierField</name>
    <message>
        <source>16 digits</source>
        <translation>16 digit</translation>
    </message>
    <message>
        <source>Save anyway (stays flagged as a problem)</source>
        <translation>Simpan walau bermasalah (tetap ditandai)</translation>
    </message>
    <message>
        <source>Not taken:</source>
        <translation>Tidak diterima:</translation>
    </message>
    <message>
        <source>{count} of 16 digits</source>
        <translation>{count} dari 16 digit</translation>
    </message>
    <message>
        <source>Not filled in</source>
        <translation>Belum diisi</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>Perlu diperiksa</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>Tidak valid</translation>
    </message>
    <message>
        <source>household without number</source>
        <translation>ruta tanpa nomor</translation>
    </message>
    <message>
        <source>household no. {number}</source>
        <translation>Ruta no. {number}</translation>
    </message>
    <message>
        <source>{name} ({household})</source>
        <translation>{name} ({household})</translation>
    </message>
</context>
<context>
    <name>KkField</name>
    <message>
        <source>This No. KK is also used by: {links}</source>
        <translation>No. KK ini juga dipakai oleh: {links}</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>&amp;Pulihkan dari cadangan…</translation>
    </message>
    <message>
        <source>siksdesk — database cannot be opened</source>
        <translation>siksdesk — basis data tidak dapat dibuka</translation>
    </message>
    <message>
        <source>Database file: {path}</source>
        <translation>Berkas basis data: {path}</translation>
    </message>
</context>
<context>
    <name>ListFilterBar</name>
    <message>
        <source>Search name, NIK, family card no., address…</source>
        <translation>Cari nama, NIK, No. KK, alamat…</translation>
    </message>
    <message>
        <source>Search by name, NIK, family card number or address (Ctrl+F). Esc clears the search.</source>
        <translation>Cari menurut nama, NIK, nomor KK atau alamat (Ctrl+F). Esc mengosongkan pencarian.</translation>
    </message>
    <message>
        <source>Data problems only</source>
        <translation>Ada masalah data</translation>
    </message>
    <message>
        <source>Show only households with a data error or warning.</source>
        <translation>Tampilkan hanya ruta yang datanya memiliki kesalahan atau peringatan.</translation>
    </message>
    <message>
        <source>Open proposals only</source>
        <translation>Ada usulan</translation>
    </message>
    <message>
        <source>Show only households with a proposal (usulan) that is a draft or ready for the MusDes.</source>
        <translation>Tampilkan hanya rumah tangga yang memiliki usulan berstatus draf atau siap MusDes.</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>Hapus filter ini</translation>
    </message>
    <message>
        <source>Not yet verified</source>
        <translation>Belum diverivali</translation>
    </message>
    <message>
        <source>Dusun:</source>
        <translation>Dusun:</translation>
    </message>
    <message>
        <source>RT:</source>
        <translation>RT:</translation>
    </message>
    <message>
        <source>Verification:</source>
        <translation>Hasil verivali:</translation>
    </message>
    <message>
        <source>Filtered</source>
        <translation>Tersaring</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Semua</translation>
    </message>
</context>
<context>
    <name>Lock</name>
    <message>
        <source>siksdesk — locked</source>
        <translation>siksdesk — terkunci</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Terkunci</translation>
    </message>
    <message>
        <source>The screen was locked to protect the households&apos; data. Type your password to go on where you were.</source>
        <translation>Layar dikunci untuk melindungi data rumah tangga. Ketik kata sandi Anda untuk melanjutkan pekerjaan.</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Kata sandi:</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Buka kunci</translation>
    </message>
    <message>
        <source>&amp;Switch user…</source>
        <translation>&amp;Ganti pengguna…</translation>
    </message>
</context>
<context>
    <name>Login</name>
    <message>
        <source>Log in — siksdesk</source>
        <translation>Masuk — siksdesk</translation>
    </message>
    <message>
        <source>Training village. Log in as &lt;b&gt;{operator}&lt;/b&gt; (operator) or &lt;b&gt;{head}&lt;/b&gt; (Kepala Desa) with the password &lt;b&gt;{password}&lt;/b&gt;.</source>
        <translation>Desa latihan. Masuk sebagai &lt;b&gt;{operator}&lt;/b&gt; (operator) atau &lt;b&gt;{head}&lt;/b&gt; (Kepala Desa) dengan kata sandi &lt;b&gt;{password}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Akun:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>Nama &amp;pengguna:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Kata sandi:</translation>
    </message>
    <message>
        <source>Log &amp;in</source>
        <translation>&amp;Masuk</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>&amp;Forgot your password?</source>
        <translation>&amp;Lupa kata sandi?</translation>
    </message>
    <message>
        <source>Choose your account and type your password.</source>
        <translation>Pilih akun Anda lalu ketik kata sandi Anda.</translation>
    </message>
    <message>
        <source>Your password was reset: choose a new one to log in.</source>
        <translation>Kata sandi Anda telah diatur ulang: pilih kata sandi baru untuk masuk.</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Kode pemulihan</translation>
    </message>
    <message>
        <source>Your account has no recovery code yet. Without one, a forgotten Kepala Desa password cannot be reset. Make one now?</source>
        <translation>Akun Anda belum memiliki kode pemulihan. Tanpa kode ini, kata sandi Kepala Desa yang terlupa tidak dapat diatur ulang. Buat sekarang?</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Rekap</source>
        <translation>&amp;Rekap</translation>
    </message>
    <message>
        <source>Household &amp;list</source>
        <translation>Da&amp;ftar ruta</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>Create &amp;demo village…</source>
        <translation>Buat desa &amp;demo…</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <source>Find household</source>
        <translation>Cari ruta</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ba&amp;ntuan</translation>
    </message>
    <message>
        <source>&amp;About siksdesk</source>
        <translation>&amp;Tentang siksdesk</translation>
    </message>
    <message>
        <source>siksdesk — no village data</source>
        <translation>siksdesk — belum ada data desa</translation>
    </message>
    <message>
        <source>No village data yet</source>
        <translation>Belum ada data desa</translation>
    </message>
    <message>
        <source>This village has no households yet.</source>
        <translation>Desa ini belum memiliki data rumah tangga.</translation>
    </message>
    <message>
        <source>siksdesk — Village {name} — DEMO</source>
        <translation>siksdesk — Desa {name} — DEMO</translation>
    </message>
    <message>
        <source>siksdesk — Village {name}</source>
        <translation>siksdesk — Desa {name}</translation>
    </message>
    <message>
        <source>Village {name}</source>
        <translation>Desa {name}</translation>
    </message>
    <message>
        <source>village code {code}</source>
        <translation>kode desa {code}</translation>
    </message>
    <message>
        <source>Kecamatan {name}</source>
        <translation>Kecamatan {name}</translation>
    </message>
    <message>
        <source>{shown} households shown of {households} · {people} members</source>
        <translation>{shown} ruta ditampilkan dari {households} · {people} ART</translation>
    </message>
    <message>
        <source>There is no village data in this database yet.</source>
        <translation>Basis data ini belum berisi data desa.</translation>
    </message>
    <message>
        <source>To practise with invented data, choose {menu}, or run {command} in a terminal and open siksdesk again.</source>
        <translation>Untuk berlatih dengan data rekaan, pilih {menu}, atau jalankan {command} di terminal lalu buka siksdesk lagi.</translation>
    </message>
    <message>
        <source>Creating the demo village was cancelled. Nothing was saved.</source>
        <translation>Pembuatan desa demo dibatalkan. Tidak ada data yang disimpan.</translation>
    </message>
    <message>
        <source>You can create it later: choose {menu}, or run {command} in a terminal.</source>
        <translation>Anda dapat membuatnya nanti: pilih {menu}, atau jalankan {command} di terminal.</translation>
    </message>
    <message>
        <source>Data folder: {path}</source>
        <translation>Folder data: {path}</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>Basis data: {path}</translation>
    </message>
    <message>
        <source>Log file: {path}</source>
        <translation>Berkas log: {path}</translation>
    </message>
    <message>
        <source>The village operator&apos;s desk for the social-welfare registry (DTKS).</source>
        <translation>Meja kerja operator desa untuk registri kesejahteraan sosial (DTKS).</translation>
    </message>
    <message>
        <source>Creating the demo village…</source>
        <translation>Membuat desa demo…</translation>
    </message>
    <message>
        <source>TRAINING</source>
        <translation>LATIHAN</translation>
    </message>
    <message>
        <source>Training village: invented practice data, not real households. It cannot be sent to the real Dinas.</source>
        <translation>Desa latihan: data contoh rekaan, bukan rumah tangga sungguhan. Data ini tidak dapat dikirim ke Dinas yang sebenarnya.</translation>
    </message>
    <message>
        <source>The demo village is ready.</source>
        <translation>Desa demo sudah siap.</translation>
    </message>
    <message>
        <source>Demo village cancelled.</source>
        <translation>Pembuatan desa demo dibatalkan.</translation>
    </message>
    <message>
        <source>Demo village</source>
        <translation>Desa demo</translation>
    </message>
    <message>
        <source>About siksdesk</source>
        <translation>Tentang siksdesk</translation>
    </message>
</context>
<context>
    <name>MemberForm</name>
    <message>
        <source>Name *</source>
        <translation>Nama *</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
</context>
<context>
    <name>MemberTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>Hubungan</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>JK</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Tgl lahir</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation>Keberadaan</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Masalah</translation>
    </message>
    <message>
        <source>Temporary number: no NIK yet</source>
        <translation>Nomor sementara: belum ada NIK</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(tanpa nama)</translation>
    </message>
    <message>
        <source>{count} problems</source>
        <translation>{count} masalah</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>Add family</source>
        <translation>Tambah keluarga</translation>
    </message>
    <message>
        <source>Remove family</source>
        <translation>Hapus keluarga</translation>
    </message>
    <message>
        <source>Families (No. KK)</source>
        <translation>Keluarga (No. KK)</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>Tambah anggota</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Hapus anggota</translation>
    </message>
    <message>
        <source>Members of family {number}</source>
        <translation>Anggota keluarga {number}</translation>
    </message>
    <message>
        <source>No member selected</source>
        <translation>Belum ada anggota yang dipilih</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(tanpa nama)</translation>
    </message>
    <message>
        <source>Member: {name}</source>
        <translation>Anggota: {name}</translation>
    </message>
    <message>
        <source>Remove {name} from this household? For a member who died or moved away, set “Member presence” instead: the record then stays for the history.</source>
        <translation>Hapus {name} dari rumah tangga ini? Untuk anggota yang meninggal atau pindah, ubah “Keberadaan ART” saja: datanya tetap tersimpan sebagai riwayat.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Remove family {number} and its {count} members from this household?</source>
        <translation>Hapus keluarga {number} beserta {count} anggotanya dari rumah tangga ini?</translation>
    </message>
</context>
<context>
    <name>MusdesAgenda</name>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>The proposals marked ready for the MusDes, grouped by household. Press Next to decide them one by one, or double-click one to start there.</source>
        <translation>Usulan yang sudah ditandai siap MusDes, dikelompokkan per rumah tangga. Tekan Berikutnya untuk memutuskannya satu per satu, atau klik dua kali pada salah satu untuk mulai dari situ.</translation>
    </message>
    <message>
        <source>Household / proposal</source>
        <translation>Rumah tangga / usulan</translation>
    </message>
    <message>
        <source>What changes</source>
        <translation>Yang berubah</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Keputusan</translation>
    </message>
    <message>
        <source>Replacements {programme}</source>
        <translation>Penggantian {programme}</translation>
    </message>
    <message>
        <source>{total} items on the agenda, {decided} decided so far.</source>
        <translation>{total} item di agenda, {decided} sudah diputuskan.</translation>
    </message>
    <message>
        <source>Nothing is ready for the MusDes: mark proposals ready in the Usulan list first.</source>
        <translation>Belum ada yang siap MusDes: tandai dulu usulan yang siap di daftar Usulan.</translation>
    </message>
</context>
<context>
    <name>MusdesFinal</name>
    <message>
        <source>Summary</source>
        <translation>Ringkasan</translation>
    </message>
    <message>
        <source>Check the totals. Proposals not decided now stay ready for the next meeting. Back returns to the decisions.</source>
        <translation>Periksa jumlahnya. Usulan yang belum diputuskan sekarang tetap siap untuk musyawarah berikutnya. Tekan Kembali untuk mengubah keputusan.</translation>
    </message>
    <message>
        <source>Approved: {approved} · Rejected: {rejected} · Deferred: {deferred} · Not decided: {undecided}</source>
        <translation>Disetujui: {approved} · Ditolak: {rejected} · Ditunda: {deferred} · Belum diputuskan: {undecided}</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Keputusan</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <source>Finalisation by the Kepala Desa</source>
        <translation>Finalisasi oleh Kepala Desa</translation>
    </message>
    <message>
        <source>&amp;Finalise</source>
        <translation>&amp;Finalisasi</translation>
    </message>
    <message>
        <source>Kepala Desa</source>
        <translation>Kepala Desa</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Kata sandi:</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumen</translation>
    </message>
    <message>
        <source>Write the Berita Acara (PDF)…</source>
        <translation>Buat Berita Acara (PDF)…</translation>
    </message>
    <message>
        <source>Attendance sheet (PDF)…</source>
        <translation>Daftar hadir (PDF)…</translation>
    </message>
    <message>
        <source>Attach photos…</source>
        <translation>Lampirkan foto…</translation>
    </message>
    <message>
        <source>Attach the signed scan…</source>
        <translation>Lampirkan pindaian bertanda tangan…</translation>
    </message>
    <message>
        <source>Write the SPTJM (PDF)…</source>
        <translation>Buat SPTJM (PDF)…</translation>
    </message>
    <message>
        <source>The meeting was not finalised.</source>
        <translation>Musyawarah belum difinalisasi.</translation>
    </message>
    <message>
        <source>Finalised by {name}. The decisions are locked (fingerprint {hash}).</source>
        <translation>Difinalisasi oleh {name}. Keputusan sudah dikunci (sidik data {hash}).</translation>
    </message>
    <message>
        <source>Save the document</source>
        <translation>Simpan dokumen</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Dokumen PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Written: {path}</source>
        <translation>Tersimpan: {path}</translation>
    </message>
    <message>
        <source>The Kepala Desa confirms the decisions with their own account and password. After that nothing in this meeting can be changed, and only the approved proposals can be sent to the district.</source>
        <translation>Kepala Desa mengesahkan keputusan dengan akun dan kata sandinya sendiri. Setelah itu tidak ada yang dapat diubah dalam musyawarah ini, dan hanya usulan yang disetujui yang dapat dikirim ke Dinas.</translation>
    </message>
    <message>
        <source>A Kepala Desa account is needed to finalise, and there is none yet. The Kepala Desa&apos;s account is made in File → User accounts.</source>
        <translation>Finalisasi memerlukan akun Kepala Desa, dan akun itu belum ada. Akun Kepala Desa dibuat melalui Berkas → Akun pengguna.</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Akun:</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Lampirkan berkas</translation>
    </message>
    <message>
        <source>Pictures and PDF (*.jpg *.jpeg *.png *.webp *.heic *.tif *.tiff *.pdf)</source>
        <translation>Gambar dan PDF (*.jpg *.jpeg *.png *.webp *.heic *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <source>{count} files attached, each kept with its fingerprint.</source>
        <translation>{count} berkas terlampir, masing-masing disimpan dengan sidik datanya.</translation>
    </message>
</context>
<context>
    <name>MusdesItem</name>
    <message>
        <source>Decisions</source>
        <translation>Keputusan</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Anggota</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Rumah tangga</translation>
    </message>
    <message>
        <source>Decision note, e.g. the reason for a rejection (Enter saves it)</source>
        <translation>Catatan keputusan, mis. alasan penolakan (Enter untuk menyimpan)</translation>
    </message>
    <message>
        <source>Approve  [1]</source>
        <translation>Setuju  [1]</translation>
    </message>
    <message>
        <source>Reject  [2]</source>
        <translation>Tolak  [2]</translation>
    </message>
    <message>
        <source>Defer  [3]</source>
        <translation>Tunda  [3]</translation>
    </message>
    <message>
        <source>Setuju: 1 or Alt+S</source>
        <translation>Setuju: 1 atau Alt+S</translation>
    </message>
    <message>
        <source>Tolak: 2 or Alt+T</source>
        <translation>Tolak: 2 atau Alt+T</translation>
    </message>
    <message>
        <source>Tunda: 3 or Alt+D</source>
        <translation>Tunda: 3 atau Alt+D</translation>
    </message>
    <message>
        <source>Undo decision</source>
        <translation>Batalkan keputusan</translation>
    </message>
    <message>
        <source>Previous item</source>
        <translation>Item sebelumnya</translation>
    </message>
    <message>
        <source>Next item</source>
        <translation>Item berikutnya</translation>
    </message>
    <message>
        <source>To the summary</source>
        <translation>Ke ringkasan</translation>
    </message>
    <message>
        <source>Item {n} of {total}</source>
        <translation>Item {n} dari {total}</translation>
    </message>
    <message>
        <source>Decision: {decision}</source>
        <translation>Keputusan: {decision}</translation>
    </message>
    <message>
        <source>Not decided yet.</source>
        <translation>Belum diputuskan.</translation>
    </message>
    <message>
        <source>Household {title} (IDBDT {idbdt})</source>
        <translation>Rumah tangga {title} (IDBDT {idbdt})</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>Rumah tangga baru</translation>
    </message>
    <message>
        <source>see its members below</source>
        <translation>lihat anggotanya di bawah</translation>
    </message>
    <message>
        <source>New member</source>
        <translation>Anggota baru</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Isian</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Sebelum</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Sesudah</translation>
    </message>
    <message>
        <source>Evidence / note: {note} (source: {source}, by {author})</source>
        <translation>Bukti / catatan: {note} (sumber: {source}, oleh {author})</translation>
    </message>
    <message>
        <source>Programme {programme}: {count} replacement pairs, decided together</source>
        <translation>Program {programme}: {count} pasangan penggantian, diputuskan sekaligus</translation>
    </message>
    <message>
        <source>Leaving</source>
        <translation>Yang keluar</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Entering</source>
        <translation>Yang masuk</translation>
    </message>
    <message>
        <source>Approving checks the whole set: the quota, every reason, and the entering households.</source>
        <translation>Saat disetujui, seluruh paket diperiksa: kuota, setiap alasan, dan rumah tangga yang masuk.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Family card no.</source>
        <translation>No. KK</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>Hubungan</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>JK</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Tgl lahir</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation>Keberadaan</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variabel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Nilai</translation>
    </message>
</context>
<context>
    <name>MusdesWizard</name>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; Kem&amp;bali</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>Berikut&amp;nya &gt;</translation>
    </message>
    <message>
        <source>Close (resume later)</source>
        <translation>Tutup (lanjutkan nanti)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Village deliberation (MusDes)</source>
        <translation>Musyawarah Desa (MusDes)</translation>
    </message>
    <message>
        <source>Meeting details</source>
        <translation>Keterangan musyawarah</translation>
    </message>
    <message>
        <source>A MusDes decides every proposal that is ready. When no deliberation was held, the Kepala Desa&apos;s statement of responsibility (SPTJM) records the decisions instead.</source>
        <translation>MusDes memutuskan semua usulan yang sudah siap. Bila tidak diadakan musyawarah, keputusannya dicatat dalam surat pernyataan tanggung jawab mutlak (SPTJM) Kepala Desa.</translation>
    </message>
    <message>
        <source>Proposed changes to the social welfare data (DTKS)</source>
        <translation>Usulan perubahan data kesejahteraan sosial (DTKS)</translation>
    </message>
    <message>
        <source>I declare that the decisions listed in this statement were taken with care and I take absolute responsibility for their correctness.</source>
        <translation>Saya menyatakan bahwa keputusan yang tercantum dalam surat pernyataan ini diambil secara cermat dan saya bertanggung jawab mutlak atas kebenarannya.</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Jenis:</translation>
    </message>
    <message>
        <source>D&amp;ate:</source>
        <translation>&amp;Tanggal:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>Te&amp;mpat:</translation>
    </message>
    <message>
        <source>A&amp;genda:</source>
        <translation>A&amp;genda:</translation>
    </message>
    <message>
        <source>&amp;Chair (Kepala Desa):</source>
        <translation>&amp;Pimpinan (Kepala Desa):</translation>
    </message>
    <message>
        <source>N&amp;ote-taker:</source>
        <translation>N&amp;otulen:</translation>
    </message>
    <message>
        <source>&amp;Statement (SPTJM):</source>
        <translation>&amp;Isi pernyataan (SPTJM):</translation>
    </message>
    <message>
        <source>A meeting in progress was found and is resumed: what was recorded so far is kept.</source>
        <translation>Ditemukan musyawarah yang belum selesai dan dilanjutkan: yang sudah dicatat tetap tersimpan.</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>Daftar hadir</translation>
    </message>
    <message>
        <source>Everyone present, with their role. Type a name, choose the role and press Enter; Delete removes the selected person.</source>
        <translation>Semua yang hadir beserta perannya. Ketik nama, pilih perannya lalu tekan Enter; tombol Delete menghapus orang yang dipilih.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Jabatan</translation>
    </message>
    <message>
        <source>Title, e.g. Ketua BPD (optional)</source>
        <translation>Jabatan, mis. Ketua BPD (tidak wajib)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Tambah</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Hapus</translation>
    </message>
    <message>
        <source>&amp;Print the attendance sheet (PDF)…</source>
        <translation>&amp;Cetak daftar hadir (PDF)…</translation>
    </message>
    <message>
        <source>The Daftar Hadir to sign at the meeting: the people listed here and empty rows for those who come.</source>
        <translation>Daftar Hadir untuk ditandatangani saat musyawarah: orang yang tercantum di sini dan baris kosong untuk yang datang.</translation>
    </message>
</context>
<context>
    <name>NikField</name>
    <message>
        <source>Enter NIK</source>
        <translation>Isi NIK</translation>
    </message>
    <message>
        <source>Keep the temporary number</source>
        <translation>Tetap pakai nomor sementara</translation>
    </message>
    <message>
        <source>This NIK is also used by: {links}</source>
        <translation>NIK ini juga dipakai oleh: {links}</translation>
    </message>
    <message>
        <source>No NIK yet — using the temporary number {temp_id}</source>
        <translation>Belum punya NIK — memakai nomor sementara {temp_id}</translation>
    </message>
</context>
<context>
    <name>NikIssueDialog</name>
    <message>
        <source>Reported NIK:</source>
        <translation>NIK di daftar:</translation>
    </message>
    <message>
        <source>District&apos;s note:</source>
        <translation>Keterangan kabupaten:</translation>
    </message>
    <message>
        <source>{name} — household no. {no}</source>
        <translation>{name} — Ruta no. {no}</translation>
    </message>
    <message>
        <source>Fix NIK</source>
        <translation>Perbaiki NIK</translation>
    </message>
    <message>
        <source>NIK in village data:</source>
        <translation>NIK di data desa:</translation>
    </message>
    <message>
        <source>Type the NIK exactly as on the person&apos;s KTP or family card (KK), checked with Dukcapil. Saving records the correction in the change log.</source>
        <translation>Ketik NIK persis seperti di KTP atau Kartu Keluarga (KK) orang tersebut, yang sudah dicek ke Dukcapil. Saat disimpan, perbaikan ini dicatat di riwayat perubahan.</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Catatan (tidak wajib)</translation>
    </message>
    <message>
        <source>Propose deactivation</source>
        <translation>Usulkan nonaktif</translation>
    </message>
    <message>
        <source>If this person is no longer eligible, the NIK is not fixed: they are proposed for deactivation instead. The MusDes decides on the proposal. Why is the person no longer eligible?</source>
        <translation>Bila orang ini sudah tidak layak, NIK-nya tidak diperbaiki: ia diusulkan nonaktif saja. Usulan itu diputuskan di MusDes. Mengapa orang ini sudah tidak layak?</translation>
    </message>
    <message>
        <source>Close item</source>
        <translation>Tutup item</translation>
    </message>
    <message>
        <source>Close this item only when it needs neither a NIK fix nor a deactivation:</source>
        <translation>Tutup item ini hanya bila tidak perlu perbaikan NIK maupun penonaktifan:</translation>
    </message>
</context>
<context>
    <name>NikIssuesModel</name>
    <message>
        <source>Household no.</source>
        <translation>No. urut ruta</translation>
    </message>
    <message>
        <source>Name (village data)</source>
        <translation>Nama (data desa)</translation>
    </message>
    <message>
        <source>Reported NIK</source>
        <translation>NIK di daftar</translation>
    </message>
    <message>
        <source>Name on the list</source>
        <translation>Nama di daftar</translation>
    </message>
    <message>
        <source>District&apos;s note</source>
        <translation>Keterangan kabupaten</translation>
    </message>
    <message>
        <source>Matched by</source>
        <translation>Dicocokkan lewat</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>NikIssuesView</name>
    <message>
        <source>NIK corrections</source>
        <translation>Perbaikan NIK</translation>
    </message>
    <message>
        <source>The district (Dinsos) lists NIKs that Dukcapil could not match. For each person, first decide whether they are still eligible. If yes, check the KTP or family card and fix the NIK. If not — no longer poor, deceased, moved away or not found — propose deactivation; the MusDes decides.</source>
        <translation>Dinsos kabupaten mengirim daftar NIK yang tidak padan dengan data Dukcapil. Untuk setiap orang, putuskan dulu apakah ia masih layak. Bila ya, periksa KTP atau Kartu Keluarga lalu perbaiki NIK-nya. Bila tidak — sudah tidak miskin, meninggal, pindah, atau tidak ditemukan — usulkan nonaktif; MusDes yang memutuskan.</translation>
    </message>
    <message>
        <source>Import district list…</source>
        <translation>Impor daftar kabupaten…</translation>
    </message>
    <message>
        <source>Fix NIK…</source>
        <translation>Perbaiki NIK…</translation>
    </message>
    <message>
        <source>Propose deactivation…</source>
        <translation>Usulkan nonaktif…</translation>
    </message>
    <message>
        <source>Close item…</source>
        <translation>Tutup item…</translation>
    </message>
    <message>
        <source>Open record</source>
        <translation>Buka data</translation>
    </message>
    <message>
        <source>All items</source>
        <translation>Semua item</translation>
    </message>
    <message>
        <source>{open} open of {total}</source>
        <translation>{open} belum ditangani dari {total}</translation>
    </message>
    <message>
        <source>Row {row} of {file}. District&apos;s note: {note}. Status: {status}.</source>
        <translation>Baris {row} di {file}. Keterangan kabupaten: {note}. Status: {status}.</translation>
    </message>
    <message>
        <source>The NIK was saved. Please check: {warnings}</source>
        <translation>NIK sudah disimpan. Mohon periksa: {warnings}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Tersimpan.</translation>
    </message>
    <message>
        <source>District&apos;s invalid-NIK list</source>
        <translation>Daftar NIK tidak valid dari kabupaten</translation>
    </message>
    <message>
        <source>Excel or CSV files (*.xlsx *.csv)</source>
        <translation>Berkas Excel atau CSV (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Reading the list</source>
        <translation>Membaca daftar</translation>
    </message>
    <message>
        <source>Importing the list</source>
        <translation>Mengimpor daftar</translation>
    </message>
    <message>
        <source>Imported: {count} rows added to the list.</source>
        <translation>Selesai diimpor: {count} baris ditambahkan ke daftar.</translation>
    </message>
    <message>
        <source>Please wait…</source>
        <translation>Mohon tunggu…</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was changed.</source>
        <translation>Impor dibatalkan; tidak ada yang diubah.</translation>
    </message>
</context>
<context>
    <name>NikPanel</name>
    <message>
        <source>How to read this NIK</source>
        <translation>Cara membaca NIK ini</translation>
    </message>
    <message>
        <source>Type a NIK to see what its digits mean.</source>
        <translation>Ketik NIK untuk melihat arti digit-digitnya.</translation>
    </message>
    <message>
        <source>The parts still missing are read once they are typed.</source>
        <translation>Bagian yang belum diketik akan dibaca setelah diisi.</translation>
    </message>
    <message>
        <source>This member has no NIK yet, so there is nothing to read.</source>
        <translation>Anggota ini belum punya NIK, jadi belum ada yang bisa dibaca.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>tidak dikenal</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Provinsi</translation>
    </message>
    <message>
        <source>Regency / city</source>
        <translation>Kabupaten/kota</translation>
    </message>
    <message>
        <source>District (kecamatan)</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Tanggal lahir</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Jenis kelamin</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Nomor urut</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Perempuan</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Laki-laki</translation>
    </message>
    <message>
        <source>Day {raw} = {day} + 40 → female</source>
        <translation>Tanggal {raw} = {day} + 40 → perempuan</translation>
    </message>
    <message>
        <source>Day {raw} is 31 or less (no +40) → male</source>
        <translation>Tanggal {raw} tidak lebih dari 31 (tanpa +40) → laki-laki</translation>
    </message>
    <message>
        <source>Day {raw} is impossible: 01–31 for men, 41–71 for women</source>
        <translation>Tanggal {raw} tidak mungkin: 01–31 untuk laki-laki, 41–71 untuk perempuan</translation>
    </message>
    <message>
        <source>{date} (age {age})</source>
        <translation>{date} (umur {age} tahun)</translation>
    </message>
    <message>
        <source>not a valid date</source>
        <translation>bukan tanggal yang sah</translation>
    </message>
</context>
<context>
    <name>NikPreviewDialog</name>
    <message>
        <source>Preview of the district&apos;s list</source>
        <translation>Pratinjau daftar kabupaten</translation>
    </message>
    <message>
        <source>All rows ({count})</source>
        <translation>Semua baris ({count})</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Impor</translation>
    </message>
    <message>
        <source>File {file}, sheet “{sheet}” (header in row {row}). {counts}</source>
        <translation>Berkas {file}, lembar “{sheet}” (judul kolom di baris {row}). {counts}</translation>
    </message>
    <message>
        <source>Nothing has been saved. This list adds nothing new to the NIK-fix list.</source>
        <translation>Belum ada yang disimpan. Daftar ini tidak menambah apa pun ke daftar perbaikan NIK.</translation>
    </message>
    <message>
        <source>Nothing has been saved yet. “Import” adds {count} rows to the NIK-fix list; rows without a person in the village data are listed too, so that you can look for them.</source>
        <translation>Belum ada yang disimpan. “Impor” menambahkan {count} baris ke daftar perbaikan NIK; baris yang orangnya tidak ada di data desa ikut dimasukkan, supaya Anda bisa mencarinya.</translation>
    </message>
</context>
<context>
    <name>NikPreviewModel</name>
    <message>
        <source>Row</source>
        <translation>Baris</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <source>Reported NIK</source>
        <translation>NIK di daftar</translation>
    </message>
    <message>
        <source>Name on the list</source>
        <translation>Nama di daftar</translation>
    </message>
    <message>
        <source>Person in the village data</source>
        <translation>Orang di data desa</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>Keterangan</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Cocok</translation>
    </message>
    <message>
        <source>Several candidates</source>
        <translation>Lebih dari satu kemungkinan</translation>
    </message>
    <message>
        <source>Not found in the village data</source>
        <translation>Tidak ditemukan di data desa</translation>
    </message>
    <message>
        <source>Already listed</source>
        <translation>Sudah ada di daftar</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
</context>
<context>
    <name>PendingBanner</name>
    <message>
        <source>See proposals</source>
        <translation>Lihat usulan</translation>
    </message>
    <message>
        <source>Open the Usulan list</source>
        <translation>Buka daftar Usulan</translation>
    </message>
    <message>
        <source>Pending proposals ({count}): {kinds}</source>
        <translation>Usulan belum selesai ({count}): {kinds}</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Salin</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Salin &amp;lokasi tautan</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Pilih semua</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Forgotten password</source>
        <translation>Lupa kata sandi</translation>
    </message>
    <message>
        <source>I am an &amp;operator</source>
        <translation>Saya &amp;operator</translation>
    </message>
    <message>
        <source>I am the Kepala &amp;Desa</source>
        <translation>Saya Kepala D&amp;esa</translation>
    </message>
    <message>
        <source>Your &amp;username:</source>
        <translation>&amp;Nama pengguna Anda:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Akun:</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Kode pemulihan</translation>
    </message>
    <message>
        <source>Re&amp;covery code:</source>
        <translation>&amp;Kode pemulihan:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Ulangi kata sandi:</translation>
    </message>
    <message>
        <source>Type the recovery code you wrote down when the account was made (or at the last recovery), and choose a new password. A new recovery code replaces the old one.</source>
        <translation>Ketik kode pemulihan yang Anda catat saat akun dibuat (atau saat pemulihan terakhir), lalu pilih kata sandi baru. Kode pemulihan baru akan menggantikan kode yang lama.</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>Kata sandi &amp;baru:</translation>
    </message>
    <message>
        <source>The Kepala Desa confirms with their own password and gives you a temporary password. You choose your own at the next login.</source>
        <translation>Kepala Desa mengonfirmasi dengan kata sandinya sendiri dan memberi Anda kata sandi sementara. Anda memilih kata sandi sendiri saat masuk berikutnya.</translation>
    </message>
    <message>
        <source>&amp;Temporary password:</source>
        <translation>Kata sandi se&amp;mentara:</translation>
    </message>
    <message>
        <source>The temporary password is set. Log in with it; you will then choose your own password.</source>
        <translation>Kata sandi sementara sudah dibuat. Masuklah dengan kata sandi itu; setelah itu Anda memilih kata sandi sendiri.</translation>
    </message>
    <message>
        <source>Your new password is set. Log in with it.</source>
        <translation>Kata sandi baru Anda sudah dibuat. Masuklah dengan kata sandi itu.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Print the report</source>
        <translation>Cetak laporan</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <source>Rekap per dusun and RT</source>
        <translation>Rekap per dusun dan RT</translation>
    </message>
    <message>
        <source>Programme coverage against quota</source>
        <translation>Cakupan program dibanding kuota</translation>
    </message>
    <message>
        <source>PDF (A4)</source>
        <translation>PDF (A4)</translation>
    </message>
    <message>
        <source>Excel (.xlsx)</source>
        <translation>Excel (.xlsx)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <source>Report:</source>
        <translation>Laporan:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Berkas:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <source>&amp;Open file</source>
        <translation>&amp;Buka berkas</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Cetak…</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Dokumen PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Buku kerja Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>Simpan laporan sebagai</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>Folder {folder} tidak ada.</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>Menulis {file}…</translation>
    </message>
    <message>
        <source>Saved to:
{file}</source>
        <translation>Disimpan ke:
{file}</translation>
    </message>
    <message>
        <source>Preparing the report…</source>
        <translation>Menyiapkan laporan…</translation>
    </message>
    <message>
        <source>Sent to the printer ({pages} pages).</source>
        <translation>Dikirim ke printer ({pages} halaman).</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Laporan</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Choose the data folder</source>
        <translation>Pilih folder data</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>The language changes when siksdesk is opened again.</source>
        <translation>Bahasa baru berlaku setelah aplikasi dibuka ulang.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Bawaan</translation>
    </message>
    <message>
        <source>Use the standard data folder: {path}</source>
        <translation>Pakai folder data bawaan: {path}</translation>
    </message>
    <message>
        <source> min</source>
        <translation> menit</translation>
    </message>
    <message>
        <source>Without keyboard or mouse use for this long, siksdesk hides the data and asks for the password again. Ctrl+L locks at once.</source>
        <translation>Jika tidak ada aktivitas keyboard atau mouse selama waktu ini, siksdesk menyembunyikan data dan meminta kata sandi lagi. Ctrl+L langsung mengunci layar.</translation>
    </message>
    <message>
        <source>Lock the &amp;screen after:</source>
        <translation>&amp;Kunci layar setelah:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Bahasa:</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Folder data:</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Folder data</translation>
    </message>
    <message>
        <source>siksdesk cannot write in {path}. Please choose another folder.</source>
        <translation>siksdesk tidak dapat menulis di {path}. Silakan pilih folder lain.</translation>
    </message>
    <message>
        <source>Set by the SIKSDESK_HOME environment variable; it cannot be changed here.</source>
        <translation>Ditentukan oleh variabel lingkungan SIKSDESK_HOME; tidak dapat diubah di sini.</translation>
    </message>
    <message>
        <source>siksdesk uses this folder when it is opened again. The database is not moved: copy {file} there yourself to keep working on the same data.</source>
        <translation>siksdesk memakai folder ini setelah aplikasi dibuka ulang. Database tidak ikut dipindahkan: salin sendiri {file} ke sana agar tetap bekerja dengan data yang sama.</translation>
    </message>
    <message>
        <source>Database, backups and log files are kept here.</source>
        <translation>Database, cadangan, dan berkas log disimpan di sini.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>The village</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>The village code from the Kemendagri list (10 digits, as on the district&apos;s letters) and the names as they should appear on documents.</source>
        <translation>Kode desa dari daftar Kemendagri (10 digit, seperti pada surat dari kabupaten) dan nama-nama sebagaimana harus tertulis pada dokumen.</translation>
    </message>
    <message>
        <source>&amp;Village code:</source>
        <translation>&amp;Kode desa:</translation>
    </message>
    <message>
        <source>Village &amp;name:</source>
        <translation>&amp;Nama desa:</translation>
    </message>
    <message>
        <source>&amp;Kecamatan:</source>
        <translation>K&amp;ecamatan:</translation>
    </message>
    <message>
        <source>Kabupaten/&amp;kota:</source>
        <translation>Kabupaten/k&amp;ota:</translation>
    </message>
    <message>
        <source>&amp;Province:</source>
        <translation>&amp;Provinsi:</translation>
    </message>
    <message>
        <source>The first 6 digits name the province, the kabupaten/kota and the kecamatan; the last 4 are the village&apos;s number (2… for a desa, 1… for a kelurahan). Ask the kecamatan office if you are not sure.</source>
        <translation>6 digit pertama menunjukkan provinsi, kabupaten/kota, dan kecamatan; 4 digit terakhir adalah nomor desa (2… untuk desa, 1… untuk kelurahan). Tanyakan ke kantor kecamatan bila Anda tidak yakin.</translation>
    </message>
    <message>
        <source>Dinas Sosial (optional)</source>
        <translation>Dinas Sosial (tidak wajib)</translation>
    </message>
    <message>
        <source>If the Dinas gave you this village&apos;s profile file (*.siksdesk-profile), choose it now; otherwise skip this step and import it later under Sinkronisasi → Kirim ke Dinas.</source>
        <translation>Jika Dinas memberi Anda berkas profil desa ini (*.siksdesk-profile), pilih sekarang; jika tidak, lewati langkah ini dan impor nanti melalui Sinkronisasi → Kirim ke Dinas.</translation>
    </message>
    <message>
        <source>&amp;Choose the district profile file…</source>
        <translation>&amp;Pilih berkas profil kabupaten…</translation>
    </message>
    <message>
        <source>&amp;Skip, later</source>
        <translation>L&amp;ewati, nanti saja</translation>
    </message>
    <message>
        <source>Compare this fingerprint group by group with the one on the Dinas&apos;s screen or letter. Go on only if every group is the same.</source>
        <translation>Bandingkan sidik jari ini kelompok demi kelompok dengan yang tertera di layar atau surat Dinas. Lanjutkan hanya bila semua kelompok sama.</translation>
    </message>
    <message>
        <source>District profile file</source>
        <translation>Berkas profil kabupaten</translation>
    </message>
    <message>
        <source>District profile (*{suffix})</source>
        <translation>Profil kabupaten (*{suffix})</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>Belum ada berkas yang dipilih.</translation>
    </message>
    <message>
        <source>The operator&apos;s account</source>
        <translation>Akun operator</translation>
    </message>
    <message>
        <source>The operator enters the data, imports lists, prepares the MusDes and sends to the Dinas.</source>
        <translation>Operator memasukkan data, mengimpor daftar, menyiapkan MusDes, dan mengirim ke Dinas.</translation>
    </message>
    <message>
        <source>The Kepala Desa&apos;s account</source>
        <translation>Akun Kepala Desa</translation>
    </message>
    <message>
        <source>The Kepala Desa approves the MusDes result with this account and can reset the operator&apos;s password.</source>
        <translation>Dengan akun ini Kepala Desa menyetujui hasil MusDes dan dapat mengatur ulang kata sandi operator.</translation>
    </message>
    <message>
        <source>Full &amp;name:</source>
        <translation>&amp;Nama lengkap:</translation>
    </message>
    <message>
        <source>&amp;Username (for logging in):</source>
        <translation>Nama &amp;pengguna (untuk masuk):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Kata sandi:</translation>
    </message>
    <message>
        <source>&amp;Repeat the password:</source>
        <translation>&amp;Ulangi kata sandi:</translation>
    </message>
    <message>
        <source>Nobody approves their own change: this must be a different account from the operator&apos;s, used only by the Kepala Desa.</source>
        <translation>Tidak ada yang menyetujui perubahannya sendiri: akun ini harus berbeda dari akun operator dan hanya dipakai oleh Kepala Desa.</translation>
    </message>
    <message>
        <source>Username: small letters, digits, dot, dash or underscore, e.g. siti or pak.budi. Password: at least 8 characters; do not write it on the laptop.</source>
        <translation>Nama pengguna: huruf kecil, angka, titik, tanda hubung, atau garis bawah, mis. siti atau pak.budi. Kata sandi: paling sedikit 8 karakter; jangan menuliskannya di laptop.</translation>
    </message>
    <message>
        <source>Print the recovery code</source>
        <translation>Cetak kode pemulihan</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; Kem&amp;bali</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Lanjut &gt;</translation>
    </message>
    <message>
        <source>&amp;Set up now</source>
        <translation>&amp;Siapkan sekarang</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Tutup</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Accounts for this village</source>
        <translation>Akun untuk desa ini</translation>
    </message>
    <message>
        <source>Set up your real village</source>
        <translation>Siapkan desa sungguhan Anda</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Selamat datang</translation>
    </message>
    <message>
        <source>This village has no user accounts yet. Make two now: one for the operator and one for the Kepala Desa. From now on everybody logs in with their own account, every change is saved under that name, and the Kepala Desa approves the MusDes with his or her own password.</source>
        <translation>Desa ini belum memiliki akun pengguna. Buat dua akun sekarang: satu untuk operator dan satu untuk Kepala Desa. Mulai sekarang setiap orang masuk dengan akunnya sendiri, setiap perubahan disimpan atas nama akun itu, dan Kepala Desa menyetujui MusDes dengan kata sandinya sendiri.</translation>
    </message>
    <message>
        <source>Until now you have been practising on the training village. This wizard sets up your real village: its code and name, the Dinas&apos;s profile file (optional), the operator&apos;s account and the Kepala Desa&apos;s account.</source>
        <translation>Sampai sekarang Anda berlatih dengan desa latihan. Panduan ini menyiapkan desa sungguhan Anda: kode dan namanya, berkas profil dari Dinas (tidak wajib), akun operator, dan akun Kepala Desa.</translation>
    </message>
    <message>
        <source>The training village is not deleted: it is kept in the &quot;latihan&quot; folder and you can still open it to practise:</source>
        <translation>Desa latihan tidak dihapus: desa itu disimpan di folder &quot;latihan&quot; dan tetap dapat Anda buka untuk berlatih:</translation>
    </message>
    <message>
        <source>The real village starts empty: import the Dinas&apos;s DTKS list afterwards (Berkas → Impor daftar DTKS).</source>
        <translation>Desa sungguhan dimulai dalam keadaan kosong: setelah ini, impor daftar DTKS dari Dinas (Berkas → Impor daftar DTKS).</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Ringkasan</translation>
    </message>
    <message>
        <source>Check everything, then press &quot;Set up now&quot;.</source>
        <translation>Periksa semuanya, lalu tekan &quot;Siapkan sekarang&quot;.</translation>
    </message>
    <message>
        <source>Village code</source>
        <translation>Kode desa</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>Dinas</source>
        <translation>Dinas</translation>
    </message>
    <message>
        <source>later (no profile file now)</source>
        <translation>nanti (belum ada berkas profil sekarang)</translation>
    </message>
    <message>
        <source>Training village kept in</source>
        <translation>Desa latihan disimpan di</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Kepala Desa</source>
        <translation>Kepala Desa</translation>
    </message>
    <message>
        <source>Setting up the village</source>
        <translation>Menyiapkan desa</translation>
    </message>
    <message>
        <source>Setting up the village and its accounts… please wait.</source>
        <translation>Menyiapkan desa dan akun-akunnya… mohon tunggu.</translation>
    </message>
    <message>
        <source>The set-up failed; nothing was changed.</source>
        <translation>Penyiapan gagal; tidak ada yang diubah.</translation>
    </message>
    <message>
        <source>The Kepala Desa&apos;s recovery code</source>
        <translation>Kode pemulihan Kepala Desa</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Cetak…</translation>
    </message>
    <message>
        <source>I have &amp;written this code down</source>
        <translation>Saya sudah &amp;mencatat kode ini</translation>
    </message>
    <message>
        <source>The village is set up. With this code the Kepala Desa can set a new password when the old one is forgotten. It is shown only now: write it down or print it, and keep it somewhere safe, away from the laptop.</source>
        <translation>Desa sudah siap. Dengan kode ini Kepala Desa dapat membuat kata sandi baru bila kata sandi lama terlupa. Kode ini hanya ditampilkan sekarang: catat atau cetak, lalu simpan di tempat yang aman, jauh dari laptop.</translation>
    </message>
    <message>
        <source>The Dinas&apos;s profile is imported. Save this laptop&apos;s registration file for the Dinas under Sinkronisasi → Kirim ke Dinas.</source>
        <translation>Profil dari Dinas sudah diimpor. Simpan berkas pendaftaran laptop ini untuk Dinas melalui Sinkronisasi → Kirim ke Dinas.</translation>
    </message>
    <message>
        <source>The training village is kept in {folder}. siksdesk now opens the real village.</source>
        <translation>Desa latihan disimpan di {folder}. siksdesk sekarang membuka desa sungguhan.</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Menu {menu}</source>
        <translation>Menu {menu}</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Tempat</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tombol</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Fungsi</translation>
    </message>
</context>
<context>
    <name>SyncAuto</name>
    <message>
        <source>Sending…</source>
        <translation>Mengirim…</translation>
    </message>
    <message>
        <source>The server cannot be reached; the bundles stay queued and will be sent automatically.</source>
        <translation>Server tidak dapat dihubungi; paket tetap di antrean dan akan dikirim otomatis.</translation>
    </message>
    <message>
        <source>Queue: {count} bundle(s) for the Dinas</source>
        <translation>Antrean: {count} paket untuk Dinas</translation>
    </message>
    <message>
        <source>Sending to the Dinas failed</source>
        <translation>Pengiriman ke Dinas gagal</translation>
    </message>
</context>
<context>
    <name>SyncEnrol</name>
    <message>
        <source>District profile</source>
        <translation>Profil kabupaten</translation>
    </message>
    <message>
        <source>District:</source>
        <translation>Kabupaten:</translation>
    </message>
    <message>
        <source>For village:</source>
        <translation>Untuk desa:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>none (USB only)</source>
        <translation>tidak ada (hanya USB)</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Mode:</translation>
    </message>
    <message>
        <source>Training (practice data only)</source>
        <translation>Pelatihan (hanya data latihan)</translation>
    </message>
    <message>
        <source>It &amp;matches — import</source>
        <translation>&amp;Cocok — impor</translation>
    </message>
    <message>
        <source>&amp;Does not match — cancel</source>
        <translation>&amp;Tidak cocok — batal</translation>
    </message>
    <message>
        <source>Fingerprint of the district&apos;s key. Compare it group by group with the fingerprint shown on the Dinas Sosial&apos;s screen (or printed on their letter):</source>
        <translation>Sidik jari kunci kabupaten. Bandingkan kelompok demi kelompok dengan sidik jari yang tampil di layar Dinas Sosial (atau yang tercetak di surat mereka):</translation>
    </message>
    <message>
        <source>Import only if every group is the same. A different fingerprint means the file did not come from your district: do not import it, and tell the Dinas.</source>
        <translation>Impor hanya bila setiap kelompok sama. Sidik jari yang berbeda berarti berkas ini bukan dari kabupaten Anda: jangan diimpor, dan beri tahu Dinas.</translation>
    </message>
    <message>
        <source>Device registration file</source>
        <translation>Berkas pendaftaran perangkat</translation>
    </message>
    <message>
        <source>Device &amp;name:</source>
        <translation>&amp;Nama perangkat:</translation>
    </message>
    <message>
        <source>&amp;Save file…</source>
        <translation>&amp;Simpan berkas…</translation>
    </message>
    <message>
        <source>The registration file holds only this laptop&apos;s public keys and the village code. Take it to the Dinas Sosial (USB stick or e-mail).</source>
        <translation>Berkas pendaftaran hanya berisi kunci publik laptop ini dan kode desa. Bawa berkas ini ke Dinas Sosial (lewat flashdisk atau e-mail).</translation>
    </message>
    <message>
        <source>This laptop&apos;s fingerprint — read it out to the Dinas officer, who compares it with the one on their screen when registering the file:</source>
        <translation>Sidik jari laptop ini — bacakan kepada petugas Dinas, yang akan mencocokkannya dengan sidik jari di layarnya saat mendaftarkan berkas ini:</translation>
    </message>
    <message>
        <source>This laptop is not yet connected to the Dinas Sosial</source>
        <translation>Laptop ini belum terhubung dengan Dinas Sosial</translation>
    </message>
    <message>
        <source>&amp;Import district profile…</source>
        <translation>&amp;Impor profil kabupaten…</translation>
    </message>
    <message>
        <source>Save device &amp;registration file…</source>
        <translation>Simpan berkas p&amp;endaftaran perangkat…</translation>
    </message>
    <message>
        <source>1. The Dinas gives you the district profile file (*.siksdesk-profile). Import it and compare its fingerprint with the Dinas screen.</source>
        <translation>1. Dinas memberikan berkas profil kabupaten (*.siksdesk-profile). Impor berkas itu dan bandingkan sidik jarinya dengan layar Dinas.</translation>
    </message>
    <message>
        <source>2. Save this laptop&apos;s registration file (*.siksdesk-device) and give it to the Dinas; read out this laptop&apos;s fingerprint (below) so that the officer can check it.</source>
        <translation>2. Simpan berkas pendaftaran laptop ini (*.siksdesk-device) dan serahkan ke Dinas; bacakan sidik jari laptop ini (di bawah) agar petugas dapat memeriksanya.</translation>
    </message>
    <message>
        <source>You can do step 2 before or after step 1. Proposals approved by the MusDes wait here until the district profile has been imported.</source>
        <translation>Langkah 2 boleh dikerjakan sebelum atau sesudah langkah 1. Usulan yang disetujui MusDes menunggu di sini sampai profil kabupaten diimpor.</translation>
    </message>
</context>
<context>
    <name>SyncModels</name>
    <message>
        <source>server out of reach</source>
        <translation>server tidak dapat dihubungi</translation>
    </message>
    <message>
        <source>an earlier bundle has not reached the district yet</source>
        <translation>paket sebelumnya belum sampai di kabupaten</translation>
    </message>
    <message>
        <source>the district already has another bundle with this number (fork)</source>
        <translation>kabupaten sudah punya paket lain dengan nomor ini (nomor bercabang)</translation>
    </message>
    <message>
        <source>training and real data mixed up</source>
        <translation>data latihan dan data asli tercampur</translation>
    </message>
    <message>
        <source>real data sent to a training Dinas</source>
        <translation>data sungguhan dikirim ke Dinas latihan</translation>
    </message>
    <message>
        <source>Waiting for receipt</source>
        <translation>Menunggu tanda terima</translation>
    </message>
    <message>
        <source>Held by the district</source>
        <translation>Ditahan kabupaten</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <source>folder {when}</source>
        <translation>folder {when}</translation>
    </message>
    <message>
        <source>server {when}</source>
        <translation>server {when}</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>belum</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Sealed</source>
        <translation>Disegel</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>Usulan</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Percobaan</translation>
    </message>
    <message>
        <source>Last problem</source>
        <translation>Masalah terakhir</translation>
    </message>
    <message>
        <source>Bundle hash: {sha}</source>
        <translation>Sidik data paket: {sha}</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Rumah tangga</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Anggota</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Why it is not sent</source>
        <translation>Alasan tidak dikirim</translation>
    </message>
</context>
<context>
    <name>SyncTraining</name>
    <message>
        <source>&amp;Connect to the training Dinas</source>
        <translation>&amp;Hubungkan ke Dinas latihan</translation>
    </message>
    <message>
        <source>Send to the &amp;training Dinas</source>
        <translation>Kirim ke Dinas la&amp;tihan</translation>
    </message>
    <message>
        <source>Practice: the training Dinas on this laptop receives the bundles and answers with a signed receipt, as the real Dinas would.</source>
        <translation>Latihan: Dinas latihan di laptop ini menerima paket dan membalas dengan tanda terima bertanda tangan, seperti yang dilakukan Dinas yang sebenarnya.</translation>
    </message>
    <message>
        <source>Training village: bundles go to the training Dinas on this laptop. Nothing reaches the real Dinas.</source>
        <translation>Desa latihan: paket dikirim ke Dinas latihan di laptop ini. Tidak ada yang sampai ke Dinas yang sebenarnya.</translation>
    </message>
    <message>
        <source>Training village, linked with the district&apos;s training receiver: send by USB stick or upload as usual.</source>
        <translation>Desa latihan, terhubung dengan penerima latihan milik Dinas: kirim lewat flashdisk atau unggah seperti biasa.</translation>
    </message>
    <message>
        <source>Training village: no real Dinas is needed. Connect to the training Dinas on this laptop to practise sending.</source>
        <translation>Desa latihan: tidak perlu Dinas yang sebenarnya. Hubungkan ke Dinas latihan di laptop ini untuk berlatih mengirim.</translation>
    </message>
    <message>
        <source>Connecting to the training Dinas</source>
        <translation>Menghubungkan ke Dinas latihan</translation>
    </message>
    <message>
        <source>Connected to {district} ({code}). Seal a bundle, then send it to the training Dinas.</source>
        <translation>Terhubung dengan {district} ({code}). Segel paket, lalu kirim ke Dinas latihan.</translation>
    </message>
    <message>
        <source>Sending to the training Dinas</source>
        <translation>Mengirim ke Dinas latihan</translation>
    </message>
</context>
<context>
    <name>SyncView</name>
    <message>
        <source>District profile</source>
        <translation>Profil kabupaten</translation>
    </message>
    <message>
        <source>District profile (*.siksdesk-profile);;All files (*)</source>
        <translation>Profil kabupaten (*.siksdesk-profile);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Reading the district profile</source>
        <translation>Membaca profil kabupaten</translation>
    </message>
    <message>
        <source>The profile was not imported.</source>
        <translation>Profil tidak diimpor.</translation>
    </message>
    <message>
        <source>Importing the district profile</source>
        <translation>Mengimpor profil kabupaten</translation>
    </message>
    <message>
        <source>Replace the district profile</source>
        <translation>Ganti profil kabupaten</translation>
    </message>
    <message>
        <source>Replace the district profile with this one? Bundles already sealed stay as they are.</source>
        <translation>Ganti profil kabupaten dengan yang ini? Paket yang sudah disegel tetap seperti semula.</translation>
    </message>
    <message>
        <source>District profile imported: {district} ({code}).</source>
        <translation>Profil kabupaten sudah diimpor: {district} ({code}).</translation>
    </message>
    <message>
        <source>Save the registration file</source>
        <translation>Simpan berkas pendaftaran</translation>
    </message>
    <message>
        <source>Device registration (*.siksdesk-device)</source>
        <translation>Pendaftaran perangkat (*.siksdesk-device)</translation>
    </message>
    <message>
        <source>Saving the registration file</source>
        <translation>Menyimpan berkas pendaftaran</translation>
    </message>
    <message>
        <source>Registration file saved: {path}
This laptop&apos;s fingerprint: {fingerprint}</source>
        <translation>Berkas pendaftaran tersimpan: {path}
Sidik jari laptop ini: {fingerprint}</translation>
    </message>
    <message>
        <source>Registration file saved</source>
        <translation>Berkas pendaftaran tersimpan</translation>
    </message>
    <message>
        <source>Sealing a bundle</source>
        <translation>Menyegel paket</translation>
    </message>
    <message>
        <source>Bundle no. {sequence} sealed: {records} proposals ({counts}). It is encrypted for the Dinas; write it to a USB stick or upload it.</source>
        <translation>Paket no. {sequence} sudah disegel: {records} usulan ({counts}). Paket ini dienkripsi sehingga hanya Dinas yang dapat membukanya; tulis ke flashdisk atau unggah ke server.</translation>
    </message>
    <message>
        <source>Write the bundles to</source>
        <translation>Tulis paket ke</translation>
    </message>
    <message>
        <source>Writing the bundles</source>
        <translation>Menulis paket</translation>
    </message>
    <message>
        <source>{count} file(s) written and checked after writing:
{files}
Take them to the Dinas Sosial; the bundles stay queued here until the receipt is imported.</source>
        <translation>{count} berkas sudah ditulis dan diperiksa ulang:
{files}
Bawa ke Dinas Sosial; paket tetap di antrean di sini sampai tanda terimanya diimpor.</translation>
    </message>
    <message>
        <source>Bundles written</source>
        <translation>Paket sudah ditulis</translation>
    </message>
    <message>
        <source>Uploading to the server</source>
        <translation>Mengunggah ke server</translation>
    </message>
    <message>
        <source>The server cannot be reached; the bundles stay queued and will be sent automatically.</source>
        <translation>Server tidak dapat dihubungi; paket tetap di antrean dan akan dikirim otomatis.</translation>
    </message>
    <message>
        <source>The server refused a bundle ({code}); it stays queued. The table shows the reason.</source>
        <translation>Server menolak sebuah paket ({code}); paket itu tetap di antrean. Alasannya tercantum di tabel.</translation>
    </message>
    <message>
        <source>{sent} bundle(s) sent.</source>
        <translation>{sent} paket terkirim.</translation>
    </message>
    <message>
        <source>Receipts and updates</source>
        <translation>Tanda terima dan pembaruan</translation>
    </message>
    <message>
        <source>Receipts and updates (*.siksdesk-receipt *.siksdesk-update);;All files (*)</source>
        <translation>Tanda terima dan pembaruan (*.siksdesk-receipt *.siksdesk-update);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Importing receipts and updates</source>
        <translation>Mengimpor tanda terima dan pembaruan</translation>
    </message>
    <message>
        <source>Fetching from the server</source>
        <translation>Mengambil dari server</translation>
    </message>
    <message>
        <source>The server cannot be reached; try again later or import the files from a USB stick.</source>
        <translation>Server tidak dapat dihubungi; coba lagi nanti atau impor berkasnya dari flashdisk.</translation>
    </message>
    <message>
        <source>Nothing new from the Dinas.</source>
        <translation>Tidak ada yang baru dari Dinas.</translation>
    </message>
    <message>
        <source>In total: {accepted} proposals accepted, {rejected} rejected by the Dinas; {nik} rows added to the NIK corrections list.</source>
        <translation>Seluruhnya: {accepted} usulan diterima, {rejected} ditolak oleh Dinas; {nik} baris ditambahkan ke daftar perbaikan NIK.</translation>
    </message>
    <message>
        <source>From the Dinas</source>
        <translation>Dari Dinas</translation>
    </message>
    <message>
        <source>{file}: already imported before, nothing changed.</source>
        <translation>{file}: sudah pernah diimpor, tidak ada yang berubah.</translation>
    </message>
    <message>
        <source>Receipt for bundle no. {sequence}: {status}; {accepted} accepted, {rejected} rejected, {nik} NIK rows.</source>
        <translation>Tanda terima paket no. {sequence}: {status}; {accepted} diterima, {rejected} ditolak, {nik} baris NIK.</translation>
    </message>
    <message>
        <source>Update version {version}: {accepted} accepted, {rejected} rejected, {nik} NIK rows.</source>
        <translation>Pembaruan versi {version}: {accepted} diterima, {rejected} ditolak, {nik} baris NIK.</translation>
    </message>
    <message>
        <source>The catch-up after the restore is done: sealing is possible again.</source>
        <translation>Data setelah pemulihan sudah lengkap kembali: paket bisa disegel lagi.</translation>
    </message>
    <message>
        <source>The Dinas has revoked this device.</source>
        <translation>Dinas telah mencabut izin perangkat ini.</translation>
    </message>
    <message>
        <source>New district keys received.</source>
        <translation>Kunci kabupaten yang baru sudah diterima.</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>diterapkan</translation>
    </message>
    <message>
        <source>held by the district</source>
        <translation>ditahan kabupaten</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>ditolak</translation>
    </message>
    <message>
        <source>Please wait…</source>
        <translation>Mohon tunggu…</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was changed by the step that was cancelled.</source>
        <translation>Dibatalkan. Langkah yang dibatalkan tidak mengubah apa pun.</translation>
    </message>
    <message>
        <source>Send to the Dinas</source>
        <translation>Kirim ke Dinas</translation>
    </message>
    <message>
        <source>This laptop&apos;s fingerprint:</source>
        <translation>Sidik jari laptop ini:</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <source>Read again (F5)</source>
        <translation>Baca ulang (F5)</translation>
    </message>
    <message>
        <source>&amp;Seal new bundle</source>
        <translation>Se&amp;gel paket baru</translation>
    </message>
    <message>
        <source>&amp;Write to USB/folder…</source>
        <translation>Tu&amp;lis ke USB/folder…</translation>
    </message>
    <message>
        <source>&amp;Upload to server</source>
        <translation>&amp;Unggah ke server</translation>
    </message>
    <message>
        <source>Import &amp;receipts / updates…</source>
        <translation>&amp;Impor tanda terima / pembaruan…</translation>
    </message>
    <message>
        <source>&amp;Fetch from server</source>
        <translation>&amp;Ambil dari server</translation>
    </message>
    <message>
        <source>Re&amp;gistration file…</source>
        <translation>Berkas p&amp;endaftaran…</translation>
    </message>
    <message>
        <source>District &amp;profile…</source>
        <translation>Profil &amp;kabupaten…</translation>
    </message>
    <message>
        <source>Import a new district profile (only when the Dinas asks you to).</source>
        <translation>Impor profil kabupaten yang baru (hanya bila diminta Dinas).</translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>Ready to send: {count} proposals approved by the MusDes.</source>
        <translation>Siap dikirim: {count} usulan yang disetujui MusDes.</translation>
    </message>
    <message>
        <source>Sealing is paused until the catch-up (see above).</source>
        <translation>Penyegelan ditunda sampai data lengkap kembali (lihat di atas).</translation>
    </message>
    <message>
        <source>Held back ({count}) — not sent, and why</source>
        <translation>Tertahan ({count}) — tidak dikirim, beserta alasannya</translation>
    </message>
    <message>
        <source>no server</source>
        <translation>tanpa server</translation>
    </message>
    <message>
        <source>District: {district} ({code}) · server: {server}</source>
        <translation>Kabupaten: {district} ({code}) · server: {server}</translation>
    </message>
    <message>
        <source>TRAINING MODE</source>
        <translation>MODE LATIHAN</translation>
    </message>
    <message>
        <source>never</source>
        <translation>belum pernah</translation>
    </message>
    <message>
        <source>Last bundle sent: {sent} · last receipt: bundle no. {acknowledged} · waiting for a receipt: {waiting} · update version: {version}</source>
        <translation>Paket terakhir dikirim: {sent} · tanda terima terakhir: paket no. {acknowledged} · menunggu tanda terima: {waiting} · versi pembaruan: {version}</translation>
    </message>
    <message>
        <source>This database was restored from a backup: this laptop already sealed bundle no. {marker}, the database only knows up to no. {database}. Sealing is paused until the district&apos;s latest receipt is here. Import the latest receipt from the Dinas (&quot;Import receipts / updates…&quot;) or, with a connection, press &quot;Fetch from server&quot;.</source>
        <translation>Basis data ini dipulihkan dari cadangan: laptop ini sudah pernah menyegel paket no. {marker}, sedangkan basis data hanya mengenal sampai no. {database}. Penyegelan ditunda sampai tanda terima terbaru dari kabupaten ada di sini. Impor tanda terima terbaru dari Dinas (“Impor tanda terima / pembaruan…”) atau, bila ada koneksi internet, tekan “Ambil dari server”.</translation>
    </message>
    <message>
        <source>The district profile has no server address: send by USB stick.</source>
        <translation>Profil kabupaten tidak memuat alamat server: kirim lewat flashdisk.</translation>
    </message>
</context>
<context>
    <name>TaskProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Cancelling… please wait.</source>
        <translation>Membatalkan… mohon tunggu.</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>TRAINING</source>
        <translation>LATIHAN</translation>
    </message>
    <message>
        <source>TRAINING MODE — practice data, cannot be sent to the real Dinas</source>
        <translation>MODE LATIHAN — data contoh, tidak dapat dikirim ke Dinas yang sebenarnya</translation>
    </message>
    <message>
        <source>This is the training village: invented practice data. Everything it writes is marked LATIHAN, and it can only be sent to the training Dinas.</source>
        <translation>Ini desa latihan: data contoh rekaan. Semua yang dihasilkannya ditandai LATIHAN, dan hanya dapat dikirim ke Dinas latihan.</translation>
    </message>
</context>
<context>
    <name>UsulanModel</name>
    <message>
        <source>Household</source>
        <translation>Rumah tangga</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Anggota</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>What changes</source>
        <translation>Yang berubah</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
</context>
<context>
    <name>UsulanView</name>
    <message>
        <source>Open (draft and ready)</source>
        <translation>Belum diputuskan (draf dan siap)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Semua</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>Tampi&amp;lkan:</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Rumah tangga</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Group by:</source>
        <translation>&amp;Kelompokkan:</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <source>Mark &amp;ready for MusDes</source>
        <translation>Tandai &amp;siap MusDes</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>Ta&amp;rik…</translation>
    </message>
    <message>
        <source>&amp;Edit note…</source>
        <translation>Ubah &amp;catatan…</translation>
    </message>
    <message>
        <source>&amp;Carry forward</source>
        <translation>&amp;Ajukan lagi</translation>
    </message>
    <message>
        <source>&amp;Open household</source>
        <translation>B&amp;uka ruta</translation>
    </message>
    <message>
        <source>Put a deferred proposal in front of the next MusDes as a new draft.</source>
        <translation>Ajukan lagi usulan yang ditunda ke MusDes berikutnya sebagai draf baru.</translation>
    </message>
    <message>
        <source>Usulan (proposals)</source>
        <translation>Usulan</translation>
    </message>
    <message>
        <source>{open} open proposals, {ready} of them ready for the MusDes.</source>
        <translation>{open} usulan belum diputuskan, {ready} di antaranya siap MusDes.</translation>
    </message>
    <message>
        <source>Held back from export: {reasons}</source>
        <translation>Tertahan, tidak ikut diekspor: {reasons}</translation>
    </message>
    <message>
        <source>Nothing is held back from export.</source>
        <translation>Tidak ada usulan yang tertahan dari ekspor.</translation>
    </message>
    <message>
        <source>{count} proposals marked ready for the MusDes.</source>
        <translation>{count} usulan ditandai siap MusDes.</translation>
    </message>
    <message>
        <source>{count} proposals withdrawn.</source>
        <translation>{count} usulan ditarik.</translation>
    </message>
    <message>
        <source>Withdraw proposals</source>
        <translation>Tarik usulan</translation>
    </message>
    <message>
        <source>Withdraw {count} proposals?</source>
        <translation>Tarik {count} usulan?</translation>
    </message>
    <message>
        <source>The registry edit itself stays as it is: the data remain as edited, but the change is not put to the MusDes and is never sent to the district. To undo the edit, change the household again.</source>
        <translation>Perubahan di data desa tidak ikut dibatalkan: datanya tetap seperti yang sudah diubah, tetapi perubahan itu tidak dibawa ke MusDes dan tidak akan dikirim ke kabupaten. Untuk membatalkannya, ubah lagi data rumah tangga tersebut.</translation>
    </message>
    <message>
        <source>Proposal changed.</source>
        <translation>Usulan sudah diubah.</translation>
    </message>
    <message>
        <source>Carried forward as a new draft for the next MusDes.</source>
        <translation>Diajukan lagi sebagai draf baru untuk MusDes berikutnya.</translation>
    </message>
    <message>
        <source>Edit proposal</source>
        <translation>Ubah usulan</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Catatan:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Alasan:</translation>
    </message>
</context>
<context>
    <name>VariableHelp</name>
    <message>
        <source>Required: the list counts it as a data problem while empty.</source>
        <translation>Wajib: selama kosong, dihitung sebagai masalah data di daftar.</translation>
    </message>
    <message>
        <source>Excel column: {column}</source>
        <translation>Kolom Excel: {column}</translation>
    </message>
    <message>
        <source>Codes: {yes} = Yes, {no} = No</source>
        <translation>Kode: {yes} = Ya, {no} = Tidak</translation>
    </message>
    <message>
        <source>Codes:</source>
        <translation>Kode:</translation>
    </message>
    <message>
        <source>Values (added up when several apply):</source>
        <translation>Nilai (dijumlahkan bila lebih dari satu berlaku):</translation>
    </message>
    <message>
        <source>From {low} to {high}</source>
        <translation>Dari {low} sampai {high}</translation>
    </message>
</context>
<context>
    <name>Worklist</name>
    <message>
        <source>Double-click a problem or press Enter to open the record at that field.</source>
        <translation>Klik dua kali pada masalah atau tekan Enter untuk membuka datanya di isian itu.</translation>
    </message>
    <message>
        <source>Data problems</source>
        <translation>Masalah data</translation>
    </message>
    <message>
        <source>All problems</source>
        <translation>Semua masalah</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Kesalahan</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Peringatan</translation>
    </message>
    <message>
        <source>No data problems found.</source>
        <translation>Tidak ada masalah data.</translation>
    </message>
    <message>
        <source>{kind}: {details}</source>
        <translation>{kind}: {details}</translation>
    </message>
    <message>
        <source>{count} problems in {households} households</source>
        <translation>{count} masalah di {households} ruta</translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
    <message>
        <source>Household no.</source>
        <translation>No. urut ruta</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Kolom</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Masalah</translation>
    </message>
</context>
</TS>
