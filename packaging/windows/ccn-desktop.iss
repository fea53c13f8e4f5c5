; Inno Setup script: CCN Desktop for Windows, installed per user (no administrator).
;
; Build on Windows (it cannot be built on Linux): first the one-folder app
; dist\ccn-desktop\ with PyInstaller, then this script, as docs/install.md describes:
;   iscc /DAppVersion=0.1.0 packaging\windows\ccn-desktop.iss
; The installer is written to dist\installer\ccn-desktop-<version>-setup.exe.
;
; AppId must never change: Windows recognises upgrades and the uninstaller by it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "CCN Desktop"
#define AppExe "ccn-desktop.exe"
#define DistDir "..\..\dist\ccn-desktop"

[Setup]
AppId={{8AB98608-C960-493B-86BC-DA3F56514750}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=UNESCO Creative Cities Network
AppPublisherURL=https://www.unesco.org/en/creative-cities
; Per user: no administrator rights, installed under %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\CCN Desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
SetupIconFile=ccn-desktop.ico
; The licence page: the MIT licence the project is under (LICENSE at the top of the tree).
LicenseFile=..\..\LICENSE
OutputDir=..\..\dist\installer
OutputBaseFilename=ccn-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; The catalogue lives in %LOCALAPPDATA%\UNESCO-CCN\ccn-desktop, never in {app}: upgrading
; or uninstalling the program leaves it alone.

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder application; a `portable` marker or a stick's ccn-data folder is
; not part of an installed copy.
Source: "{#DistDir}\*"; DestDir: "{app}"; Excludes: "\portable,\ccn-data"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the program's files; stale ones from an older version go first.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
