; Inno Setup 6 script: the Windows installer of Annotator (untested here; see README,
; "Standalone installer").
;
;   pip install -e .[build]
;   pyinstaller build.spec          -> dist\annotator\ (annotator.exe for the command line,
;                                      annotator-app.exe for the Start menu: no console window)
;   iscc resources\annotator.iss    -> dist\annotator-<version>-windows-x64-setup.exe
;
; The version is read from annotator\_version.py (the one place it lives); iscc
; /DAppVersion=X.Y.Z overrides it. Installs per user without administrator rights, or for all
; users when run elevated (the wizard asks). Uninstalling keeps the user's databases
; (%LOCALAPPDATA%\Annotator).

#ifndef AppVersion
  #define VersionFile AddBackslash(SourcePath) + "..\annotator\_version.py"
  #define VersionHandle FileOpen(VersionFile)
  #if !VersionHandle
    #error Cannot open annotator\_version.py
  #endif
  #define VersionLine FileRead(VersionHandle)
  #expr FileClose(VersionHandle)
  #define AppVersion Trim(StringChange(StringChange(StringChange(StringChange(VersionLine, "__version__", ""), "=", ""), '"', ""), "'", ""))
#endif

#define AppName "Annotator"
#define AppExe "annotator-app.exe"
#define DistDir AddBackslash(SourcePath) + "..\dist"

[Setup]
; AppId identifies the app across versions (upgrades replace it): never change it
AppId={{0AD89129-ADD7-42E6-85CB-A7AAF0F0064F}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Annotator
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#DistDir}
OutputBaseFilename=annotator-{#AppVersion}-windows-x64-setup
SetupIconFile=icons\annotator.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; an upgrade replaces the bundled runtime whole (no stale libraries from the old version)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\annotator\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Annotate how a war is reported"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
