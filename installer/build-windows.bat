@echo off
rem Build the Windows setup program in one command, from a fresh clone:
rem     installer\build-windows.bat
rem Needs Python 3.11+ ("py" launcher) and Inno Setup 6.3+ (ISCC.exe on PATH or installed in
rem its default folder). Output: dist\installer\PsyRoom-Setup-<version>.exe
setlocal
cd /d "%~dp0.."
if not exist build\venv\Scripts\python.exe (
    py -3 -m venv build\venv || goto :fail
)
build\venv\Scripts\python -m pip install -q --disable-pip-version-check ".[gui]" "pyinstaller>=6.10,<7" || goto :fail
build\venv\Scripts\python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller installer\psyroom.spec || goto :fail
for /f "usebackq delims=" %%v in (`build\venv\Scripts\python -c "import psyroom; print(psyroom.__version__)"`) do set VERSION=%%v
set ISCC=ISCC.exe
where ISCC.exe >nul 2>nul || set ISCC=%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe
if not exist "%ISCC%" if exist "%LOCALAPPDATA%\Programs\Inno Setup 6\ISCC.exe" set ISCC=%LOCALAPPDATA%\Programs\Inno Setup 6\ISCC.exe
"%ISCC%" /Qp /DAppVersion=%VERSION% installer\windows\psyroom.iss || goto :fail
echo Built dist\installer\PsyRoom-Setup-%VERSION%.exe
exit /b 0
:fail
echo Build failed.
exit /b 1
