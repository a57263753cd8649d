; Inno Setup 6 script of the Windows installer of Coverage Planner.
; Built by `uv run scripts/build_bundle.py` on Windows (it passes the defines below):
;   ISCC /DAppVersion=0.1.0 /DSourceDir=dist\coverage-planner /DRootDir=. /Odist installer\coverage-planner.iss
; Output: dist\coverage-planner-<version>-windows-x64-setup.exe

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef RootDir
  #define RootDir ".."
#endif
#ifndef SourceDir
  #define SourceDir RootDir + "\dist\coverage-planner"
#endif

[Setup]
AppId={{6C1E2A4F-3B7D-4E91-A5C8-2F0D9B7E4A13}
AppName=Coverage Planner
AppVersion={#AppVersion}
AppVerName=Coverage Planner {#AppVersion}
AppPublisher=Coverage Planner
DefaultDirName={autopf}\Coverage Planner
DefaultGroupName=Coverage Planner
DisableProgramGroupPage=yes
; For all users by default (Program Files, needs an administrator); the first page lets
; a planner without administrator rights install for himself only.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=coverage-planner-{#AppVersion}-windows-x64-setup
SetupIconFile={#RootDir}\resources\icons\coverage-planner.ico
UninstallDisplayIcon={app}\coverage-planner-gui.exe
UninstallDisplayName=Coverage Planner {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Coverage Planner"; Filename: "{app}\coverage-planner-gui.exe"; Comment: "Mobile coverage planning / Quy hoạch phủ sóng"
Name: "{autodesktop}\Coverage Planner"; Filename: "{app}\coverage-planner-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\coverage-planner-gui.exe"; Description: "{cm:LaunchProgram,Coverage Planner}"; Flags: nowait postinstall skipifsilent
