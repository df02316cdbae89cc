<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
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
        <source>Hamlet</source>
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
        <source>Not yet verified</source>
        <translation>Belum diverivali</translation>
    </message>
    <message>
        <source>Unknown code {code}</source>
        <translation>Kode tidak dikenal: {code}</translation>
    </message>
</context>
<context>
    <name>Launch</name>
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
    <name>MainWindow</name>
    <message>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <source>Invented practice data: not real households.</source>
        <translation>Data latihan rekaan, bukan rumah tangga sungguhan.</translation>
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
        <source>{households} households · {people} members</source>
        <translation>{households} ruta · {people} ART</translation>
    </message>
    <message>
        <source>Creating the demo village…</source>
        <translation>Membuat desa demo…</translation>
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
</TS>
