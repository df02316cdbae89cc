; Inno Setup 6 script: the Windows installer for the built application (dist\siksdesk\).
; Steps: docs/build-windows.md. In short, on a Windows machine with Python 3.11:
;   py packaging\build.py
;   iscc packaging\windows\siksdesk.iss      -> dist\siksdesk-<version>-setup.exe
;
; The version comes from pyproject.toml through build\siksdesk-version.iss (written by
; packaging\build.py); `iscc /DAppVersion=1.2.3 ...` overrides it.
;
; The data folder (database, backups, logs, lampiran) is NOT part of the installation: it is
; the user's data folder, %LOCALAPPDATA%\siksdesk by default (platformdirs' user_data_dir, see
; src\siksdesk\paths.py) or the folder chosen in Berkas -> Pengaturan. Uninstalling removes only
; the files installed here, so the data folder and everything in it stays. Never point
; DefaultDirName at the data folder.

#ifndef AppVersion
  #include "..\..\build\siksdesk-version.iss"
#endif
#define AppName "siksdesk"
#define AppExe "siksdesk.exe"
#define Dist "..\..\dist\siksdesk"

[Setup]
; The AppId identifies the installation for upgrades and uninstall: never change it.
AppId={{ACFC39EF-6145-4574-A370-AE8F32126AC8}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=siksdesk
VersionInfoVersion={#AppVersion}
; Per user by default (no administrator needed on the village office laptop): the program goes
; to %LOCALAPPDATA%\Programs\siksdesk; an administrator may choose "all users" instead.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
SetupIconFile=..\..\src\siksdesk\resources\icons\siksdesk.ico
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Qt 6 runs on 64-bit Windows 10 (1809) and later.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#if FileExists(CompilerPath + "Languages\Indonesian.isl")
Name: "id"; MessagesFile: "compiler:Languages\Indonesian.isl"
#endif

[CustomMessages]
en.DataKept=siksdesk has been removed. Your data (database, backups, logs and attachments) was kept in its data folder, by default %1. Delete that folder yourself only if you are sure it is no longer needed.
en.CliEntry=siksdesk command line
#if FileExists(CompilerPath + "Languages\Indonesian.isl")
id.DataKept=siksdesk sudah dihapus. Data Anda (basis data, cadangan, log dan lampiran) tetap tersimpan di folder datanya, biasanya %1. Hapus folder itu sendiri hanya jika Anda yakin tidak diperlukan lagi.
id.CliEntry=Baris perintah siksdesk
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Dist}\*"; DestDir: "{app}"; Excludes: ".build-inputs"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:CliEntry}"; Filename: "{cmd}"; Parameters: "/k ""{app}\siksdesk-cli.exe"" --help"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Byte-code Python may write next to the alembic scripts when the install folder is writable.
Type: filesandordirs; Name: "{app}\_internal\siksdesk\db\migrations\__pycache__"
Type: filesandordirs; Name: "{app}\_internal\siksdesk\db\migrations\versions\__pycache__"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\siksdesk')]),
           mbInformation, MB_OK);
end;
