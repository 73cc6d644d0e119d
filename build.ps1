<#
.SYNOPSIS
    Builds, tests, demonstrates and cleans CopilotSeats.

.DESCRIPTION
    Build  dotnet build CopilotSeats.sln -c <Configuration>; lays out the module at out/CopilotSeats.
    Test   Build, then dotnet test (no rebuild), then the Pester 5 suite in tests/pester
           (run in a child pwsh process so the module DLL is not locked in this session), then the seat,
           usage and App Pester files again under REST API version 2026-03-10; results as TRX and
           NUnit XML in -ResultsDirectory; ends with "N passed, N failed[, N skipped]" over all of them.
           This is what CI (.ci/run) runs.
    Pester Only the Pester suite, in this process (expects a finished Release build); with
           COPILOTSEATS_TEST_API_VERSION set, only the seat, usage and App files, under that version.
    Demo   Build, then examples/Demo.ps1: a short narrated tour against the simulator.
    Package Build, then out/CopilotSeats.<version>.nupkg: a PowerShell Gallery package made with
           PSResourceGet (published to a temporary local repository), ReleaseNotes from CHANGELOG.md.
    Clean  Removes out/ and every bin/ and obj/ folder under src, tests and bench.

    Runs on Windows PowerShell 5.1 and PowerShell 7. Exits non-zero on failure.

.EXAMPLE
    pwsh ./build.ps1 -Task Test

.EXAMPLE
    pwsh ./build.ps1 -Task Demo

.EXAMPLE
    pwsh ./build.ps1 -Task Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Demo', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [string] $Configuration = 'Release',

    # Pester only: also write NUnit XML results here (build.ps1 -Task Test passes its results folder's pester.xml).
    [string] $TestResultPath,

    # Test only: where the TRX files and pester.xml go (default out/test-results).
    [string] $ResultsDirectory,

    # Package only: package the module already built in out/CopilotSeats instead of building first.
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
$RepoRoot = $PSScriptRoot
$Solution = Join-Path $RepoRoot 'CopilotSeats.sln'
$ModuleManifest = Join-Path $RepoRoot (Join-Path 'out' (Join-Path 'CopilotSeats' 'CopilotSeats.psd1'))
$OnWindows = [System.IO.Path]::DirectorySeparatorChar -eq '\'

$env:DOTNET_NOLOGO = '1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

function Write-Step {
    param([string] $Text)
    Write-Host ''
    Write-Host "==> $Text" -ForegroundColor Cyan
}

function Assert-Dotnet {
    if (-not (Get-Command -Name dotnet -ErrorAction SilentlyContinue)) {
        throw 'The .NET SDK (dotnet) is not on PATH. Install the .NET 10 SDK from https://dotnet.microsoft.com/download.'
    }
}

function Invoke-Dotnet {
    param([string[]] $Arguments)
    Write-Host ('dotnet ' + ($Arguments -join ' ')) -ForegroundColor DarkGray
    & dotnet @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) {
        throw ('dotnet ' + ($Arguments -join ' ') + " failed (exit code $LASTEXITCODE).")
    }
}

function Invoke-BuildTask {
    Assert-Dotnet
    Write-Step "Build ($Configuration)"
    Invoke-Dotnet @('build', $Solution, '-c', $Configuration)
    if (Test-Path -LiteralPath $ModuleManifest) {
        Write-Host "Module laid out at $ModuleManifest" -ForegroundColor Green
    }
    else {
        Write-Warning "The build did not lay out $ModuleManifest."
    }
}

# The command line that starts PowerShell 7 again: this pwsh, else pwsh from PATH. A pwsh run as a
# dotnet tool (dotnet pwsh) is the dotnet host plus pwsh.dll.
function Get-PwshCommand {
    if ($PSVersionTable.PSEdition -eq 'Core') {
        $exe = (Get-Process -Id $PID).Path
        $name = [System.IO.Path]::GetFileNameWithoutExtension($exe)
        if ($name -eq 'pwsh') { return , @($exe) }
        $dll = Join-Path $PSHOME 'pwsh.dll'
        if ($name -eq 'dotnet' -and (Test-Path -LiteralPath $dll)) { return , @($exe, $dll) }
    }
    $cmd = Get-Command -Name pwsh -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($cmd) { return , @($cmd.Source) }
    return $null
}

function Get-NuGetPackagesFolder {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = & dotnet nuget locals global-packages --list 2>$null | Select-Object -First 1
    if ($LASTEXITCODE -eq 0 -and "$line" -match '^\s*global-packages:\s*(.+?)\s*$') { return $Matches[1] }
    return (Join-Path ([Environment]::GetFolderPath('UserProfile')) (Join-Path '.nuget' 'packages'))
}

# Pester 5: an installed copy if there is one, else the version that tests/pester/Pester.Restore.csproj
# downloads from NuGet (for machines where Install-Module has no PowerShell Gallery to reach).
function Get-PesterModule {
    $installed = @(Get-Module -ListAvailable -Name Pester | Sort-Object -Property Version -Descending)
    $five = $installed | Where-Object { $_.Version.Major -eq 5 } | Select-Object -First 1
    if ($five) { return [pscustomobject]@{ Version = $five.Version; Path = $five.Path } }

    $project = Join-Path $RepoRoot (Join-Path 'tests' (Join-Path 'pester' 'Pester.Restore.csproj'))
    $version = ([xml](Get-Content -LiteralPath $project -Raw)).Project.PropertyGroup.PesterVersion | Where-Object { $_ } | Select-Object -First 1
    try {
        Assert-Dotnet
        Write-Step "Pester 5 is not installed: restoring Pester $version from NuGet"
        Invoke-Dotnet @('restore', $project)
        $psd1 = Join-Path (Get-NuGetPackagesFolder) (Join-Path 'pester' (Join-Path $version (Join-Path 'tools' 'Pester.psd1')))
        if (Test-Path -LiteralPath $psd1) { return [pscustomobject]@{ Version = [version]$version; Path = $psd1 } }
        Write-Warning "The restore did not produce $psd1."
    }
    catch {
        Write-Warning "Could not restore Pester $version from NuGet: $($_.Exception.Message)"
    }

    $newer = $installed | Where-Object { $_.Version.Major -gt 5 } | Select-Object -First 1
    if ($newer) {
        Write-Warning "Using Pester $($newer.Version); the suite is written for Pester 5."
        return [pscustomobject]@{ Version = $newer.Version; Path = $newer.Path }
    }
    throw 'Pester 5 is not installed and could not be restored from NuGet. Install it with:  Install-Module Pester -MinimumVersion 5.5 -Scope CurrentUser -Force -SkipPublisherCheck'
}

function Invoke-PesterTask {
    if ($PSVersionTable.PSVersion.Major -lt 7) {
        throw 'The Pester suite needs PowerShell 7 (pwsh): run  pwsh ./build.ps1 -Task Pester'
    }
    if (-not (Test-Path -LiteralPath $ModuleManifest)) {
        throw "The module is missing at $ModuleManifest : run dotnet build CopilotSeats.sln -c Release first."
    }
    $pester = Get-PesterModule
    Import-Module $pester.Path -Force

    $config = New-PesterConfiguration
    $config.Run.Path = @(Join-Path $RepoRoot (Join-Path 'tests' 'pester'))
    if ($env:COPILOTSEATS_TEST_SMOKE -eq '1') { $config.Run.Path = @(Join-Path $RepoRoot (Join-Path 'tests' (Join-Path 'pester' 'GetSeat.Tests.ps1'))) }
    elseif ($env:COPILOTSEATS_TEST_API_VERSION) {
        # Under another REST API version: only the files whose endpoints a version could change (TestHelpers.ps1).
        $config.Run.Path = @($VersionedPesterFiles | ForEach-Object { Join-Path $RepoRoot (Join-Path 'tests' (Join-Path 'pester' "$_.Tests.ps1")) })
    }
    $under = if ($env:COPILOTSEATS_TEST_API_VERSION) { " under X-GitHub-Api-Version $($env:COPILOTSEATS_TEST_API_VERSION) ($($VersionedPesterFiles -join ', '))" } else { '' }
    Write-Step "Pester $($pester.Version) on tests/pester$under ($($pester.Path))"
    $config.Run.PassThru = $true
    $config.Run.Exit = $false
    $config.Output.Verbosity = 'Detailed'
    if ($TestResultPath) {
        $config.TestResult.Enabled = $true
        $config.TestResult.OutputFormat = 'NUnitXml'
        $config.TestResult.OutputPath = $TestResultPath
    }
    # The tests decide per command how errors are handled; do not leak this script's 'Stop' into them.
    $ErrorActionPreference = 'Continue'
    $result = Invoke-Pester -Configuration $config
    $ErrorActionPreference = 'Stop'
    $failed = [int]$result.FailedCount + [int]$result.FailedBlocksCount + [int]$result.FailedContainersCount
    Write-Host ("Pester: {0} passed, {1} failed, {2} skipped" -f $result.PassedCount, $result.FailedCount, $result.SkippedCount)
    if ($failed -gt 0 -or $result.Result -ne 'Passed') {
        throw ("The Pester suite failed ({0} tests, {1} blocks, {2} files)." -f $result.FailedCount, $result.FailedBlocksCount, $result.FailedContainersCount)
    }
}

# The test projects of the solution (those that reference Microsoft.NET.Test.Sdk).
function Get-TestProjects {
    $list = & dotnet sln $Solution list 2>$null
    @($list | ForEach-Object { "$_".Trim() } | Where-Object { $_ -match '\.csproj$' } |
        ForEach-Object { Join-Path $RepoRoot ($_ -replace '\\', [IO.Path]::DirectorySeparatorChar) } |
        Where-Object { (Test-Path -LiteralPath $_) -and (Select-String -LiteralPath $_ -Pattern 'Microsoft\.NET\.Test\.Sdk' -Quiet) })
}

# Passed, failed and skipped tests of the TRX files (dotnet test) and the NUnit XML file (Pester) in $Directory.
function Get-TestCounts {
    param([string] $Directory)
    $counts = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0; Trx = 0; Pester = $false }
    foreach ($trx in Get-ChildItem -LiteralPath $Directory -Filter '*.trx' -ErrorAction SilentlyContinue) {
        $c = ([xml](Get-Content -LiteralPath $trx.FullName -Raw)).TestRun.ResultSummary.Counters
        $counts.Passed += [int]$c.passed
        $counts.Failed += [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted
        $counts.Skipped += [int]$c.notExecuted
        $counts.Trx++
    }
    # pester.xml (the whole suite) and pester-<version>.xml (the files run again under another API version).
    foreach ($pester in Get-ChildItem -LiteralPath $Directory -Filter 'pester*.xml' -ErrorAction SilentlyContinue) {
        $cases = ([xml](Get-Content -LiteralPath $pester.FullName -Raw)).SelectNodes('//test-case')
        foreach ($case in $cases) {
            switch ($case.result) {
                'Success' { $counts.Passed++ }
                { $_ -in 'Failure', 'Error' } { $counts.Failed++ }
                default { $counts.Skipped++ }
            }
        }
        if ($pester.Name -eq 'pester.xml') { $counts.Pester = $true }
    }
    [pscustomobject]$counts
}

# The Pester files run a second time under REST API version 2026-03-10 (build.ps1 -Task Test): the seat, usage and App
# files, whose endpoints are the ones a version could change. Each child run sets COPILOTSEATS_TEST_API_VERSION.
$VersionedPesterFiles = @('GetSeat', 'ChangeSeat', 'Usage', 'AppAuth')
$SecondApiVersion = '2026-03-10'

# Build, then every test: dotnet test over the solution (a TRX file per test project) and the Pester suite in a
# child pwsh (NUnit XML), both into -ResultsDirectory (default out/test-results). Ends with the line
# "N passed, N failed[, N skipped]" over both. COPILOTSEATS_TEST_SMOKE=1 runs a small part of each (the README
# quick-start test sets it for its nested run in a fresh clone: the whole suite already runs outside it).
function Invoke-TestTask {
    Invoke-BuildTask
    $problems = @()
    $results = if ($ResultsDirectory) { $ResultsDirectory } else { Join-Path $RepoRoot (Join-Path 'out' 'test-results') }
    if (Test-Path -LiteralPath $results) { Remove-Item -LiteralPath $results -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $results -Force
    $smoke = $env:COPILOTSEATS_TEST_SMOKE -eq '1'

    Write-Step ('dotnet test' + $(if ($smoke) { ' (smoke)' } else { '' }))
    $arguments = @('test', $Solution, '-c', $Configuration, '--no-build', '--logger', 'trx', '--results-directory', $results)
    if ($smoke) { $arguments += @('--filter', 'FullyQualifiedName~CopilotSeats.Core.Tests.PagingTests|FullyQualifiedName~CopilotSeats.Simulator.Tests.SeedTests|FullyQualifiedName~CopilotSeats.Runspace.Tests.LayoutTests') }
    try { Invoke-Dotnet $arguments }
    catch { $problems += $_.Exception.Message }
    $projects = @(Get-TestProjects)
    $trx = @(Get-ChildItem -LiteralPath $results -Filter '*.trx' -ErrorAction SilentlyContinue).Count
    if ($trx -lt $projects.Count) { $problems += "dotnet test: $trx of $($projects.Count) test projects reported results (crash or timeout?)." }

    $pwsh = Get-PwshCommand
    if (-not $pwsh) {
        $problems += 'The Pester suite needs PowerShell 7 (pwsh), which is not on PATH.'
    }
    else {
        # A child process: the module DLL must not stay loaded (and locked) in this session.
        $arguments = @('-NoProfile', '-NonInteractive', '-File', $PSCommandPath, '-Task', 'Pester', '-Configuration', $Configuration,
            '-TestResultPath', (Join-Path $results 'pester.xml'))
        $exe, $leading = $pwsh
        & $exe @(@($leading | Where-Object { $_ }) + $arguments)
        if ($LASTEXITCODE -ne 0) { $problems += "The Pester suite failed (exit code $LASTEXITCODE)." }
        if (-not $smoke) {
            # The seat, usage and App files again, with every cmdlet sending X-GitHub-Api-Version 2026-03-10.
            $arguments = @('-NoProfile', '-NonInteractive', '-File', $PSCommandPath, '-Task', 'Pester', '-Configuration', $Configuration,
                '-TestResultPath', (Join-Path $results "pester-$SecondApiVersion.xml"))
            $saved = $env:COPILOTSEATS_TEST_API_VERSION
            $env:COPILOTSEATS_TEST_API_VERSION = $SecondApiVersion
            try { & $exe @(@($leading | Where-Object { $_ }) + $arguments) }
            finally { $env:COPILOTSEATS_TEST_API_VERSION = $saved }
            if ($LASTEXITCODE -ne 0) { $problems += "The Pester run under API version $SecondApiVersion failed (exit code $LASTEXITCODE)." }
        }
    }

    $counts = Get-TestCounts -Directory $results
    if (-not $counts.Pester -and $pwsh) { $problems += 'Pester wrote no results (a failure before any test ran?).' }
    $failed = $counts.Failed
    # A problem no test counted (a crash, a failed container) still fails the run, as one failure.
    if ($problems.Count -gt 0 -and $failed -eq 0) { $failed = 1 }
    Write-Host ''
    Write-Host "Results: $results"
    foreach ($p in $problems) { Write-Host "  - $p" -ForegroundColor Red }
    $line = "$($counts.Passed) passed, $failed failed" + $(if ($counts.Skipped -gt 0) { ", $($counts.Skipped) skipped" } else { '' })
    if ($counts.Passed + $failed -eq 0) { $problems += 'No test ran.' }
    Write-Host $line
    if ($problems.Count -gt 0 -or $failed -gt 0) { throw ($line + [Environment]::NewLine + ($problems -join [Environment]::NewLine)) }
    Write-Host 'All tests passed.' -ForegroundColor Green
}

# ---- Package --------------------------------------------------------------------------------

# The CHANGELOG.md section of $Version (its lines up to the next '## ' heading), as plain text.
function Get-ReleaseNotes {
    param([string] $Version)
    $changelog = Join-Path $RepoRoot 'CHANGELOG.md'
    $lines = Get-Content -LiteralPath $changelog
    $start = -1
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if ($lines[$i] -match ('^## ' + [regex]::Escape($Version) + '(\s|$)')) { $start = $i + 1; break }
    }
    if ($start -lt 0) { throw "CHANGELOG.md has no '## $Version' section: add one before packaging." }
    $section = New-Object System.Collections.Generic.List[string]
    for ($i = $start; $i -lt $lines.Count -and $lines[$i] -notmatch '^## '; $i++) { $section.Add($lines[$i]) }
    return ($section -join "`n").Trim()
}

function Invoke-PackageTask {
    if (-not $NoBuild) { Invoke-BuildTask }
    if (-not (Test-Path -LiteralPath $ModuleManifest)) { throw "The module is missing at $ModuleManifest : build it first." }
    if ($PSVersionTable.PSVersion.Major -lt 7 -or -not (Get-Module -ListAvailable -Name Microsoft.PowerShell.PSResourceGet)) {
        throw 'Packaging needs PowerShell 7.4+ with Microsoft.PowerShell.PSResourceGet: run  pwsh ./build.ps1 -Task Package'
    }
    Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
    $version = (Import-PowerShellDataFile -LiteralPath $ModuleManifest).ModuleVersion
    Write-Step "Package CopilotSeats $version"

    # Stage a copy of the built module whose ReleaseNotes are the CHANGELOG.md section of this version.
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ('copilotseats-package-' + [guid]::NewGuid().ToString('N'))
    $stage = Join-Path $work 'CopilotSeats'
    $repoDir = Join-Path $work 'repository'
    $repoName = 'CopilotSeatsBuild' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    try {
        $null = New-Item -ItemType Directory -Path $repoDir -Force
        Copy-Item -LiteralPath (Split-Path -Parent $ModuleManifest) -Destination $stage -Recurse
        $stagedManifest = Join-Path $stage 'CopilotSeats.psd1'
        $notes = (Get-ReleaseNotes -Version $version).Replace("'", "''")
        $text = Get-Content -LiteralPath $stagedManifest -Raw
        $pattern = "ReleaseNotes\s*=\s*'(?:[^']|'')*'"
        if (-not [regex]::IsMatch($text, $pattern)) { throw 'The manifest has no ReleaseNotes entry to fill.' }
        $replaced = [regex]::Replace($text, $pattern, { param($m) "ReleaseNotes = '$notes'" })
        Set-Content -LiteralPath $stagedManifest -Value $replaced -Encoding utf8
        $null = Test-ModuleManifest -Path $stagedManifest -ErrorAction Stop

        Register-PSResourceRepository -Name $repoName -Uri $repoDir -Trusted
        try {
            Publish-PSResource -Path $stage -Repository $repoName -ErrorAction Stop
        }
        finally {
            Unregister-PSResourceRepository -Name $repoName -ErrorAction SilentlyContinue
        }
        $nupkg = Get-ChildItem -LiteralPath $repoDir -Filter '*.nupkg' | Select-Object -First 1
        if (-not $nupkg) { throw "Publish-PSResource wrote no package to $repoDir." }
        $target = Join-Path (Join-Path $RepoRoot 'out') "CopilotSeats.$version.nupkg"
        Copy-Item -LiteralPath $nupkg.FullName -Destination $target -Force
        Write-Host "Package: $target" -ForegroundColor Green
    }
    finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Invoke-CleanTask {
    Write-Step 'Clean'
    $targets = New-Object System.Collections.Generic.List[string]
    $out = Join-Path $RepoRoot 'out'
    if (Test-Path -LiteralPath $out) { $targets.Add($out) }
    foreach ($top in 'src', 'tests', 'bench') {
        $dir = Join-Path $RepoRoot $top
        if (-not (Test-Path -LiteralPath $dir)) { continue }
        Get-ChildItem -LiteralPath $dir -Directory -Recurse -Force -ErrorAction SilentlyContinue |
            Where-Object { ($_.Name -eq 'bin' -or $_.Name -eq 'obj') -and $_.FullName -notmatch 'node_modules' } |
            ForEach-Object { $targets.Add($_.FullName) }
    }
    foreach ($t in $targets) {
        if (Test-Path -LiteralPath $t) {
            Write-Host "Removing $t"
            Remove-Item -LiteralPath $t -Recurse -Force
        }
    }
}

# ---- Demo -----------------------------------------------------------------------------------

function Invoke-DemoTask {
    Invoke-BuildTask
    & (Join-Path $RepoRoot (Join-Path 'examples' 'Demo.ps1')) -Configuration $Configuration
}

# ---- main -----------------------------------------------------------------------------------

try {
    Push-Location -LiteralPath $RepoRoot
    try {
        switch ($Task) {
            'Build' { Invoke-BuildTask }
            'Test' { Invoke-TestTask }
            'Pester' { Invoke-PesterTask }
            'Demo' { Invoke-DemoTask }
            'Package' { Invoke-PackageTask }
            'Clean' { Invoke-CleanTask }
        }
    }
    finally {
        Pop-Location
    }
}
catch {
    Write-Host ''
    Write-Host "build.ps1 -Task $Task failed: $($_.Exception.Message)" -ForegroundColor Red
    exit 1
}
Write-Host ''
Write-Host "build.ps1 -Task $Task succeeded." -ForegroundColor Green
exit 0
