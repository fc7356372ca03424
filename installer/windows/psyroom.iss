; Inno Setup 6 script for PsyRoom 心理服务室 (per-user install, no administrator rights).
;
; Built by installer\build-windows.bat (PyInstaller first, then this script with
; /DAppVersion=<psyroom.__version__>, the one place the version is written).
; Output: dist\installer\PsyRoom-Setup-<version>.exe
;
; This file is UTF-8 with a byte-order mark: Inno Setup 6 reads a file without one as ANSI,
; which would garble the Chinese names.

#define AppName "心理服务室"
#define AppNameEn "PsyRoom"
#ifndef AppVersion
  #error Build with installer\build-windows.bat, which passes /DAppVersion from psyroom\__init__.py
#endif
; The desktop app; psyroom.exe (the command line) sits beside it in the same folder.
#define AppExe "psyroom-desktop.exe"

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
SetupIconFile=..\..\resources\icons\psyroom.ico
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
; alone unless the person explicitly asks (twice) at the end of an interactive uninstall.
; A newer setup run over an older install upgrades in place (same AppId); the app migrates the
; records itself at its next start, after an automatic backup.
CloseApplications=yes

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

[Code]
// Records are kept on uninstall. Only an interactive uninstall offers to delete them, and only
// after a second, explicit confirmation; a silent uninstall never deletes them.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if (CurUninstallStep = usPostUninstall) and (not UninstallSilent()) then
  begin
    DataDir := ExpandConstant('{localappdata}\PsyRoom');
    if DirExists(DataDir) then
      if MsgBox('程序已卸载。本机的心理服务记录仍保存在：' + #13#10 + DataDir + #13#10#13#10 +
                '是否同时删除这些记录？（一般请选“否”：删除后无法恢复，除非另有备份。）',
                mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        if MsgBox('确定永久删除本机的全部心理服务记录吗？此操作无法撤销。',
                  mbError, MB_YESNO or MB_DEFBUTTON2) = IDYES then
          DelTree(DataDir, True, True, True);
  end;
end;
