; Inno Setup 6 script for PsyRoom 心理服务室 (per-user install, no administrator rights).
;
; Build on Windows after the PyInstaller step (see installer/README.md):
;     iscc installer\windows\psyroom.iss
; Output: dist\installer\PsyRoom-Setup-<version>.exe
;
; This file is UTF-8 with a byte-order mark: Inno Setup 6 reads a file without one as ANSI,
; which would garble the Chinese names.

#define AppName "心理服务室"
#define AppNameEn "PsyRoom"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "PsyRoom.exe"

; Inno Setup ships the Simplified Chinese messages among its unofficial translations. Use a
; copy placed beside this script when there is one, else the compiler's Languages folder.
#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ZhMessages AddBackslash(SourcePath) + "ChineseSimplified.isl"
#else
  #define ZhMessages "compiler:Languages\ChineseSimplified.isl"
#endif

[Setup]
; Never change AppId after the first release: upgrades and uninstall find the app by it.
AppId={{8D6B0C52-4E0F-4B7A-9C61-2F3A7E5D9B14}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=PsyRoom
; Per-user: room PCs often have no administrator at hand. {autopf} is then
; %LOCALAPPDATA%\Programs, and {autoprograms} the user's own Start menu.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppNameEn}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName} ({#AppNameEn})
UninstallDisplayIcon={app}\{#AppExe}
OutputDir=..\..\dist\installer
OutputBaseFilename=PsyRoom-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Chinese is the default whatever the Windows display language; no language dialog.
LanguageDetectionMethod=none
ShowLanguageDialog=no
; The records are NOT in {app}: they live in %LOCALAPPDATA%\PsyRoom, which uninstall leaves
; alone on purpose (losing a site's records to an uninstall is never acceptable).

[Languages]
; Listed first, so it is the default.
Name: "zh_CN"; MessagesFile: "{#ZhMessages}"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\PsyRoom\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{#AppNameEn}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
