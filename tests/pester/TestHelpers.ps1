# Shared helpers for the CopilotSeats Pester suite. Dot-source it in a BeforeAll block:
#
#     BeforeAll {
#         . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
#         $script:Sim, $script:Conn = Start-TestSession
#     }
#     AfterAll { Stop-TestSimulator $script:Sim }
#
# It builds nothing: run `dotnet build CopilotSeats.sln -c Release` first (build.ps1 -Task Test does).

# The token every test uses. Tests assert it never shows up in any stream, error or simulator log.
# (Plain variables: dot-sourced in BeforeAll they are visible to every It of the file.)
# Deterministic error handling whatever the caller set: the tests choose -ErrorAction per command.
$ErrorActionPreference = 'Continue'

$CanaryToken = 'sim_canary_token_123'
$Token = ConvertTo-SecureString $CanaryToken -AsPlainText -Force

function Get-RepoRoot {
    $dir = $PSScriptRoot
    while ($dir) {
        if (Test-Path -LiteralPath (Join-Path $dir 'CopilotSeats.sln')) { return $dir }
        $parent = Split-Path -Parent $dir
        if ($parent -eq $dir) { break }
        $dir = $parent
    }
    throw "Could not find the repository root (the folder holding CopilotSeats.sln) above '$PSScriptRoot'."
}

$RepoRoot = Get-RepoRoot
$ManifestPath = Join-Path $RepoRoot (Join-Path 'out' (Join-Path 'CopilotSeats' 'CopilotSeats.psd1'))

# The REST API version the suite runs under: COPILOTSEATS_TEST_API_VERSION (build.ps1 -Task Test runs the seat, usage
# and App files a second time with 2026-03-10), else none: the module's default, 2022-11-28. Under a version every
# CopilotSeats cmdlet gets -ApiVersion from $PSDefaultParameterValues (a test's own -ApiVersion still wins), and
# Assert-TestApiVersion fails the run when the simulator saw the module send another one.
$TestApiVersion = if ($env:COPILOTSEATS_TEST_API_VERSION) { $env:COPILOTSEATS_TEST_API_VERSION.Trim() } else { $null }
$TestApiDefaults = @{}
if ($TestApiVersion) { $TestApiDefaults['*-Copilot*:ApiVersion'] = $TestApiVersion }

# Sets the -ApiVersion default of the run (nothing without COPILOTSEATS_TEST_API_VERSION) for the whole session.
function Set-TestApiVersionDefault {
    if (-not $TestApiVersion) { return }
    if ($null -eq $global:PSDefaultParameterValues) { $global:PSDefaultParameterValues = @{} }
    foreach ($k in $TestApiDefaults.Keys) { $global:PSDefaultParameterValues[$k] = $TestApiDefaults[$k] }
}

# Under COPILOTSEATS_TEST_API_VERSION: every request the module sent to the simulator (since its log was last cleared)
# carried that version; requests the tests send themselves (another User-Agent) are not the module's.
function Assert-TestApiVersion {
    param($Sim)
    if (-not $TestApiVersion -or $null -eq $Sim) { return }
    $raw = Invoke-RestMethod -Uri "$($Sim.Url)/_simulator/requests" -Method Get
    $wrong = @($raw | ForEach-Object { $_ } | Where-Object { $null -ne $_ -and ([string]$_.userAgent).StartsWith('CopilotSeats') -and $_.apiVersion -ne $TestApiVersion })
    if ($wrong.Count -gt 0) {
        $first = $wrong[0]
        throw "COPILOTSEATS_TEST_API_VERSION is $TestApiVersion, but the module sent $($wrong.Count) request(s) with another X-GitHub-Api-Version, first '$($first.apiVersion)' on $($first.method) $($first.path)."
    }
}

function Import-CopilotSeatsModule {
    if (-not (Test-Path -LiteralPath $ManifestPath)) {
        throw "The CopilotSeats module is missing at '$ManifestPath': run dotnet build CopilotSeats.sln -c Release first."
    }
    if (-not (Get-Module -Name CopilotSeats)) {
        Import-Module $ManifestPath -ErrorAction Stop
    }
    Set-TestApiVersionDefault
    Disconnect-Copilot
    # Seat changes are journaled: into a file of the test run, never the user's own journal.
    $env:COPILOTSEATS_JOURNAL = Join-Path ([System.IO.Path]::GetTempPath()) "copilotseats-tests-$PID.jsonl"
}

# What every test file's BeforeAll does: import the module (disconnected) and start a simulator of its own.
# Returns the simulator and the connection parameters to splat (@Conn: -ApiUrl, -Token):
#     $script:Sim, $script:Conn = Start-TestSession
# Stop it in AfterAll with Stop-TestSimulator $Sim.
function Start-TestSession {
    Import-CopilotSeatsModule
    $sim = Start-TestSimulator
    return @($sim, @{ ApiUrl = $sim.Url; Token = $Token })
}

# A PowerShell instance on its own runspace with the module imported and $tok / $api set (for the
# simulator in $Sim), so a test can read its streams (progress among them) and stop it.
function New-ModuleShell {
    $rs = [runspacefactory]::CreateRunspace()
    $rs.Open()
    $rs.SessionStateProxy.SetVariable('tok', $Token)
    $rs.SessionStateProxy.SetVariable('api', $Sim.Url)
    if ($TestApiVersion) { $rs.SessionStateProxy.SetVariable('PSDefaultParameterValues', $TestApiDefaults.Clone()) }
    $ps = [powershell]::Create()
    $ps.Runspace = $rs
    $null = $ps.AddScript("Import-Module -Name '$ManifestPath' -ErrorAction Stop").Invoke()
    $ps.Commands.Clear()
    return $ps
}

# Runs a script in the module shell $Shell (of the caller's scope) with fresh streams; returns its output.
function Invoke-InShell([string] $Script) {
    $Shell.Streams.ClearStreams()
    $null = $Shell.AddScript($Script)
    try { return $Shell.Invoke() } finally { $Shell.Commands.Clear() }
}

function Remove-ModuleShell($Shell) {
    $rs = $Shell.Runspace
    $Shell.Dispose()
    $rs.Dispose()
}

function Get-FreeTcpPort {
    $listener = New-Object System.Net.Sockets.TcpListener ([System.Net.IPAddress]::Loopback), 0
    try {
        $listener.Start()
        return $listener.LocalEndpoint.Port
    }
    finally {
        $listener.Stop()
    }
}

function Read-SharedText([string] $Path) {
    # The simulator still has the file open for writing; open it with FileShare.ReadWrite.
    if (-not (Test-Path -LiteralPath $Path)) { return '' }
    try {
        $stream = [System.IO.File]::Open($Path, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, [System.IO.FileShare]::ReadWrite)
        try {
            $reader = New-Object System.IO.StreamReader($stream)
            return $reader.ReadToEnd()
        }
        finally { $stream.Dispose() }
    }
    catch { return '' }
}

function Start-TestSimulator {
    param([int] $TimeoutSec = 180)

    $env:DOTNET_NOLOGO = '1'
    $env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
    $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

    $root = Get-RepoRoot
    $port = Get-FreeTcpPort
    $url = "http://127.0.0.1:$port"
    # The built simulator, started directly (dotnet run would evaluate the project first: a second or two per file).
    $dll = Get-ChildItem -Path (Join-Path $root 'src/CopilotSeats.Simulator/bin/Release') -Filter 'CopilotSeats.Simulator.dll' -Recurse -ErrorAction SilentlyContinue |
        Select-Object -First 1
    $arguments = if ($dll) { "`"$($dll.FullName)`" --urls $url" } else { "run --project src/CopilotSeats.Simulator -c Release -- --urls $url" }

    $stamp = [guid]::NewGuid().ToString('N').Substring(0, 8)
    $stdout = Join-Path ([System.IO.Path]::GetTempPath()) "copilotseats-sim-$port-$stamp.out.log"
    $stderr = Join-Path ([System.IO.Path]::GetTempPath()) "copilotseats-sim-$port-$stamp.err.log"
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -WorkingDirectory $root `
        -RedirectStandardOutput $stdout -RedirectStandardError $stderr -NoNewWindow -PassThru

    $sim = [pscustomobject]@{ Url = $url; Port = $port; Process = $process; StdOut = $stdout; StdErr = $stderr }

    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    $ready = $false
    while ([DateTime]::UtcNow -lt $deadline) {
        $text = Read-SharedText $stdout
        if ($text -match ('CopilotSeats\.Simulator listening on ' + [regex]::Escape($url))) { $ready = $true }
        if (-not $ready) {
            try {
                $null = Invoke-RestMethod -Uri "$url/_simulator/stats" -Method Get -TimeoutSec 2 -ErrorAction Stop
                $ready = $true
            }
            catch { }
        }
        if ($ready) { break }
        if ($process.HasExited) { break }
        Start-Sleep -Milliseconds 50
    }
    if (-not $ready) {
        $out = Read-SharedText $stdout
        $err = Read-SharedText $stderr
        Stop-TestSimulator $sim
        throw "The simulator did not start on $url within $TimeoutSec s (dotnet $arguments).`nstdout:`n$out`nstderr:`n$err"
    }
    return $sim
}

function Stop-TestSimulator {
    param($Sim)
    if ($null -eq $Sim -or $null -eq $Sim.Process) { return }
    $p = $Sim.Process
    $versionProblem = $null
    if (-not $p.HasExited) { try { Assert-TestApiVersion $Sim } catch { $versionProblem = $_ } }
    try {
        if (-not $p.HasExited) {
            if ($PSVersionTable.PSVersion.Major -ge 6) {
                $p.Kill($true)   # the whole tree: `dotnet run` starts the simulator as a child process
            }
            else {
                & taskkill.exe /PID $p.Id /T /F 2>&1 | Out-Null
            }
            $null = $p.WaitForExit(10000)
        }
    }
    catch { }
    Remove-Item -LiteralPath $Sim.StdOut, $Sim.StdErr -ErrorAction SilentlyContinue
    if ($versionProblem) { throw $versionProblem }
}

# ---- control API --------------------------------------------------------------------------

# A fresh token in the caller's $Conn for the next test (the canary with a suffix, so the leak checks still see it): the
# module paces each credential process-wide (changes 1 s apart, the points budget, a rate-limit pause), and one test's
# changes must not time the next test's.
function Update-TestToken {
    $connection = Get-Variable -Name Conn -ValueOnly -ErrorAction Ignore
    if ($connection -is [hashtable] -and $connection.ContainsKey('Token')) {
        $connection.Token = ConvertTo-SecureString "$($CanaryToken)_$([guid]::NewGuid().ToString('N').Substring(0, 8))" -AsPlainText -Force
    }
}

function Reset-Simulator {
    param($Sim, [hashtable] $Body)
    Assert-TestApiVersion $Sim   # the reset clears the log
    Update-TestToken
    if ($Body) {
        $null = Invoke-RestMethod -Uri "$($Sim.Url)/_simulator/reset" -Method Post -ContentType 'application/json' -Body ($Body | ConvertTo-Json -Depth 5)
    }
    else {
        $null = Invoke-RestMethod -Uri "$($Sim.Url)/_simulator/reset" -Method Post
    }
}

function Clear-SimulatorLog {
    param($Sim)
    Assert-TestApiVersion $Sim
    Update-TestToken
    $null = Invoke-RestMethod -Uri "$($Sim.Url)/_simulator/requests" -Method Delete
}

function Set-SimulatorFaults {
    param($Sim, [hashtable] $Faults)
    $json = $Faults | ConvertTo-Json -Depth 6
    $null = Invoke-RestMethod -Uri "$($Sim.Url)/_simulator/faults" -Method Put -ContentType 'application/json' -Body $json
}

# Logged API requests (control API calls excluded), optionally only one method.
function Get-SimulatorRequests {
    param($Sim, [string] $Method)
    $raw = Invoke-RestMethod -Uri "$($Sim.Url)/_simulator/requests" -Method Get
    # Windows PowerShell returns a JSON array as one object; enumerate it either way.
    $all = @($raw | ForEach-Object { $_ } | Where-Object { $null -ne $_ })
    $api = @($all | Where-Object { -not ([string]$_.path).StartsWith('/_simulator') })
    if ($Method) { $api = @($api | Where-Object { $_.method -eq $Method }) }
    $api   # enumerated: callers wrap the call in @()
}

function Get-SimulatorLogText {
    param($Sim)
    return (Invoke-WebRequest -Uri "$($Sim.Url)/_simulator/requests" -Method Get -UseBasicParsing).Content
}

# The JSON body of a logged request as an object (the log may hold it as text or as JSON).
function Get-RequestBody {
    param($Entry)
    $body = $Entry.body
    if ($null -eq $body) { return $null }
    if ($body -is [string]) {
        if ($body.Trim().Length -eq 0) { return $null }
        return ($body | ConvertFrom-Json)
    }
    return $body
}

function Get-MutationRequests {
    param($Sim)
    Get-SimulatorRequests $Sim | Where-Object { $_.method -ne 'GET' -and $_.method -ne 'HEAD' }
}

# Every row of an org or enterprise seat listing ('/orgs/octo-org', '/enterprises/octo-ent'), straight from the
# REST API (paged by hand): the oracle the cmdlets' output is checked against.
function Get-RawRows([string] $Path) {
    $rows = [System.Collections.Generic.List[object]]::new()
    $headers = @{ Authorization = "Bearer $CanaryToken"; 'X-GitHub-Api-Version' = $(if ($TestApiVersion) { $TestApiVersion } else { '2022-11-28' }) }
    for ($page = 1; ; $page++) {
        $body = Invoke-RestMethod -Uri "$($Sim.Url)$Path/copilot/billing/seats?per_page=100&page=$page" -Headers $headers
        foreach ($s in $body.seats) { $rows.Add($s) }
        if (@($body.seats).Count -lt 100) { return $rows }
    }
}

# ---- the token environment ----------------------------------------------------------------
# The variables the module reads a token or API URL from, and PATH (where it finds gh), as they were when this
# file was dot-sourced. Clear-TokenEnvironment removes the variables; Restore-TokenEnvironment puts everything back.

$TokenEnvNames = @('GH_TOKEN', 'GITHUB_TOKEN', 'GITHUB_API_URL')
$SavedTokenEnv = @{ PATH = $env:PATH }
foreach ($n in $TokenEnvNames) { $SavedTokenEnv[$n] = [Environment]::GetEnvironmentVariable($n) }

function Clear-TokenEnvironment {
    foreach ($n in $TokenEnvNames) { Remove-Item -Path "Env:$n" -ErrorAction SilentlyContinue }
}

function Restore-TokenEnvironment {
    foreach ($n in $SavedTokenEnv.Keys) {
        if ($null -eq $SavedTokenEnv[$n]) { Remove-Item -Path "Env:$n" -ErrorAction SilentlyContinue }
        else { Set-Item -Path "Env:$n" -Value $SavedTokenEnv[$n] }
    }
}

# Runs $Script with no token variable and no gh on PATH (so `gh auth token` cannot answer), then restores both.
function Invoke-WithoutAmbientToken([scriptblock] $Script) {
    Clear-TokenEnvironment
    $empty = Join-Path ([System.IO.Path]::GetTempPath()) ('copilotseats-nogh-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $empty
    try {
        $env:PATH = $empty
        & $Script
    }
    finally {
        Restore-TokenEnvironment
        Remove-Item -LiteralPath $empty -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# Runs a program with no ambient token (and the $Environment given), waits at most $TimeoutMinutes and
# returns its exit code, its output and error text together (Output) and apart (StdOut, StdErr).
function Invoke-ChildProcess([string] $FilePath, [string[]] $Arguments, [string] $WorkingDirectory, [hashtable] $Environment = @{}, [int] $TimeoutMinutes = 5) {
    $psi = [Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    $psi.WorkingDirectory = $WorkingDirectory
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    foreach ($name in 'GH_TOKEN', 'GITHUB_TOKEN', 'GITHUB_API_URL') { $null = $psi.Environment.Remove($name) }
    foreach ($name in $Environment.Keys) { $psi.Environment[$name] = $Environment[$name] }
    $p = [Diagnostics.Process]::Start($psi)
    $err = $p.StandardError.ReadToEndAsync()
    $out = $p.StandardOutput.ReadToEndAsync()
    if (-not $p.WaitForExit($TimeoutMinutes * 60 * 1000)) { $p.Kill($true); throw "'$FilePath $Arguments' did not end within $TimeoutMinutes minutes." }
    $p.WaitForExit()
    [pscustomobject]@{ ExitCode = $p.ExitCode; Output = $out.Result + $err.Result; StdOut = $out.Result; StdErr = $err.Result }
}

# The completion texts TabExpansion2 offers with the cursor at the end of the line.
function Get-Completion([string] $Line) {
    $result = TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
    @($result.CompletionMatches | ForEach-Object { $_.CompletionText })
}

# ---- assertions helpers -------------------------------------------------------------------

# Asserts each named property of an output object:  Assert-Properties $change @{ Action = 'Add'; AssigneeType = 'Team' }
function Assert-Properties($Object, [hashtable] $Expected) {
    foreach ($name in $Expected.Keys) { $Object.$name | Should -Be $Expected[$name] -Because "the object's $name" }
}

# Asserts the simulator saw exactly one $Method request (to $Path, when given) whose body lists $Names
# (comma-separated; sorted first with -Sorted) under $Field.
function Assert-OneSeatRequest {
    param($Sim, [string] $Method, [string] $Path, [string] $Field, [string] $Names, [switch] $Sorted)
    $requests = @(Get-SimulatorRequests $Sim -Method $Method)
    $requests.Count | Should -Be 1
    if ($Path) { $requests[0].path | Should -Be $Path }
    $sent = @((Get-RequestBody $requests[0]).$Field)
    if ($Sorted) { $sent = @($sent | Sort-Object) }
    ($sent -join ',') | Should -Be $Names
}

# Asserts an error record: its FullyQualifiedErrorId starts with $Id and, when given, its category and target object.
function Assert-ErrorRecord($ErrorRecord, [string] $Id, [string] $Category, $Target) {
    $ErrorRecord | Should -Not -BeNullOrEmpty -Because "an error $Id was expected"
    $ErrorRecord.FullyQualifiedErrorId | Should -BeLike "$Id*"
    if ($Category) { "$($ErrorRecord.CategoryInfo.Category)" | Should -Be $Category }
    if ($PSBoundParameters.ContainsKey('Target')) { $ErrorRecord.TargetObject | Should -Be $Target }
}

# Runs a script block and returns the ErrorRecord it threw (terminating errors only, unless the
# block itself uses -ErrorAction Stop), or $null when it completed.
function Get-ThrownError {
    param([scriptblock] $ScriptBlock)
    try {
        $null = & $ScriptBlock
        return $null
    }
    catch {
        return $_
    }
}

# Everything an ErrorRecord or stream record can show, as text (for token-leak checks).
function ConvertTo-AllText {
    param($Items)
    $sb = New-Object System.Text.StringBuilder
    foreach ($item in @($Items)) {
        if ($null -eq $item) { continue }
        $null = $sb.AppendLine(($item | Out-String -Width 4096))
        if ($item -is [System.Management.Automation.ErrorRecord]) {
            $null = $sb.AppendLine($item.ToString())
            $null = $sb.AppendLine([string]$item.FullyQualifiedErrorId)
            $null = $sb.AppendLine([string]$item.TargetObject)
            $null = $sb.AppendLine(($item | Format-List * -Force | Out-String -Width 4096))
            for ($e = $item.Exception; $e; $e = $e.InnerException) { $null = $sb.AppendLine($e.ToString() + ($e | Format-List * -Force | Out-String -Width 4096)) }
            if ($item.ErrorDetails) {
                $null = $sb.AppendLine([string]$item.ErrorDetails.Message)
                $null = $sb.AppendLine([string]$item.ErrorDetails.RecommendedAction)
            }
        }
        elseif ($item -is [System.Management.Automation.InformationRecord]) {
            $null = $sb.AppendLine([string]$item.MessageData)
        }
        elseif ($item -is [System.Management.Automation.VerboseRecord] -or $item -is [System.Management.Automation.DebugRecord] -or $item -is [System.Management.Automation.WarningRecord]) {
            $null = $sb.AppendLine($item.Message)
        }
        else {
            try { $null = $sb.AppendLine(($item | ConvertTo-Json -Depth 3 -Compress -WarningAction SilentlyContinue)) } catch { }
            $null = $sb.AppendLine([string]$item)
        }
    }
    return $sb.ToString()
}

# The "What if:" lines $ScriptBlock writes to the host (read back from a transcript).
function Get-WhatIfLines([scriptblock] $ScriptBlock) {
    $transcript = Join-Path ([System.IO.Path]::GetTempPath()) "copilotseats-whatif-$([guid]::NewGuid().ToString('N')).txt"
    Start-Transcript -Path $transcript | Out-Null
    try { $null = & $ScriptBlock } finally { Stop-Transcript | Out-Null }
    @(Select-String -Path $transcript -Pattern '^What if: ' | ForEach-Object Line)
    Remove-Item -LiteralPath $transcript
}

# ent-user-1's seat in the octo-ent listing (granted by ent-team-1: Organization empty), three ways: the object
# (Object), the same row through Export-Csv and Import-Csv (Csv), and a row naming an organization too (Both).
function Get-EnterpriseSeatRows($Conn) {
    $seat = Get-CopilotSeat -Enterprise octo-ent @Conn | Where-Object Login -eq 'ent-user-1'
    $csv = Join-Path ([System.IO.Path]::GetTempPath()) "copilotseats-entu-$([guid]::NewGuid().ToString('N')).csv"
    $seat | Export-Csv -LiteralPath $csv -NoTypeInformation
    @{ Object = $seat; Csv = (Import-Csv -LiteralPath $csv); Both = [pscustomobject]@{ Login = 'ent-user-1'; Organization = 'octo-org'; Enterprise = 'octo-ent' } }
    Remove-Item -LiteralPath $csv
}

# A Compare-CopilotSeat plan of octo-lab with every action (Live), and the same plan through ConvertTo-Json and
# ConvertFrom-Json (Json), where each Action is a number.
function Get-LabPlan($Conn) {
    $live = @(Compare-CopilotSeat -Organization octo-lab -ReferenceUser user-0001, user-0002, user-0003, newbie-x, user-0028, user-0027 -IncludeEqual -Exclude user-0004 @Conn)
    @{ Live = $live; Json = @($live | ConvertTo-Json -Depth 5 | ConvertFrom-Json) }
}
