<#
.SYNOPSIS
    A short narrated tour of CopilotSeats against the local simulator.

.DESCRIPTION
    Starts the simulator (src/CopilotSeats.Simulator) on a free loopback port, imports the module
    from out/CopilotSeats, connects with a demo token, lists, reports, dry-runs a reclamation and
    changes one seat, then stops the simulator. Build first: ./build.ps1 (or ./build.ps1 -Task Demo,
    which builds and then runs this script).

    Runs on Windows PowerShell 5.1 and PowerShell 7.

.EXAMPLE
    pwsh ./examples/Demo.ps1
#>
[CmdletBinding()]
param(
    # The build configuration whose simulator to run.
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$RepoRoot = Split-Path -Parent $PSScriptRoot
$ModuleManifest = Join-Path $RepoRoot (Join-Path 'out' (Join-Path 'CopilotSeats' 'CopilotSeats.psd1'))
$OnWindows = [System.IO.Path]::DirectorySeparatorChar -eq '\'

function Write-Step {
    param([string] $Text)
    Write-Host ''
    Write-Host "==> $Text" -ForegroundColor Cyan
}


function Get-FreeTcpPort {
    $listener = New-Object System.Net.Sockets.TcpListener ([System.Net.IPAddress]::Loopback), 0
    try {
        $listener.Start()
        return $listener.LocalEndpoint.Port
    }
    finally { $listener.Stop() }
}

function Start-DemoSimulator {
    $port = Get-FreeTcpPort
    $url = "http://127.0.0.1:$port"
    $log = Join-Path ([System.IO.Path]::GetTempPath()) "copilotseats-demo-sim-$port.out.log"
    $errLog = Join-Path ([System.IO.Path]::GetTempPath()) "copilotseats-demo-sim-$port.err.log"
    $arguments = "run --project src/CopilotSeats.Simulator -c $Configuration --no-build -- --urls $url"
    Write-Host "dotnet $arguments" -ForegroundColor DarkGray
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -WorkingDirectory $RepoRoot `
        -RedirectStandardOutput $log -RedirectStandardError $errLog -NoNewWindow -PassThru
    $sim = New-Object psobject -Property @{ Url = $url; Process = $process; Log = $log; ErrLog = $errLog }

    $deadline = (Get-Date).AddSeconds(120)
    while ((Get-Date) -lt $deadline) {
        try {
            $null = Invoke-RestMethod -Uri "$url/_simulator/stats" -Method Get -TimeoutSec 2 -UseBasicParsing
            Write-Host "Simulator listening on $url" -ForegroundColor Green
            return $sim
        }
        catch { }
        if ($process.HasExited) { break }
        Start-Sleep -Milliseconds 300
    }
    Stop-DemoSimulator $sim
    throw "The simulator did not start on $url. See $log and $errLog."
}

function Stop-DemoSimulator {
    param($Sim)
    if ($null -eq $Sim) { return }
    $p = $Sim.Process
    try {
        if ($p -and -not $p.HasExited) {
            if ($PSVersionTable.PSVersion.Major -ge 6) {
                $p.Kill($true)   # `dotnet run` starts the simulator as a child: end the whole tree
            }
            elseif ($OnWindows) {
                & taskkill.exe /PID $p.Id /T /F 2>&1 | Out-Null
            }
            else {
                $p.Kill()
            }
            $null = $p.WaitForExit(10000)
        }
    }
    catch {
        Write-Warning "Could not stop the simulator (process $($p.Id)): $($_.Exception.Message)"
    }
    Write-Host 'Simulator stopped.' -ForegroundColor Green
}

function Invoke-DemoTour {
    param([string] $Url)

    Import-Module $ModuleManifest -Force

    Write-Step 'Connect-Copilot to the simulator (demo token; sends no request)'
    $token = ConvertTo-SecureString 'sim_demo_token' -AsPlainText -Force
    Connect-Copilot -ApiUrl $Url -Token $token -Organization octo-org | Format-List | Out-Host

    Write-Step 'Get-CopilotOrgDetail: billing settings and seat breakdown'
    Get-CopilotOrgDetail | Format-List | Out-Host

    Write-Step 'Get-CopilotSeat | Select-Object -First 5 | Format-Table  (the listing streams: this costs one request)'
    Get-CopilotSeat | Select-Object -First 5 |
        Format-Table Login, AssigningTeam, CreatedAt, LastActivityAt, LastActivityEditor -AutoSize | Out-Host

    Write-Step 'Seat report to CSV (typed objects: clean columns)'
    $csv = Join-Path ([System.IO.Path]::GetTempPath()) 'copilotseats-demo-seats.csv'
    Get-CopilotSeat | Export-Csv -Path $csv -NoTypeInformation -Encoding UTF8
    $rows = @(Import-Csv -Path $csv)
    Write-Host "Wrote $($rows.Count) seats to $csv; the first lines:"
    Get-Content -Path $csv -TotalCount 3 | Out-Host

    Write-Step 'Inactive direct seats: Get-CopilotSeat -InactiveDays 30, then a dry run with -WhatIf'
    $inactive = @(Get-CopilotSeat -InactiveDays 30 | Where-Object { -not $_.AssigningTeam -and -not $_.PendingCancellationDate })
    Write-Host "$($inactive.Count) direct seats show no activity for 30 days. What -WhatIf would do for the first 5:"
    $inactive | Select-Object -First 5 | Remove-CopilotUser -WhatIf

    Write-Step 'Add-CopilotUser no-seat-1, then Remove-CopilotUser -Force'
    Add-CopilotUser -UserName no-seat-1 | Format-Table Action, AssigneeType, Organization, Requested, SeatsChanged -AutoSize | Out-Host
    Get-CopilotSeat -UserName no-seat-1 | Format-Table Login, CreatedAt, PendingCancellationDate -AutoSize | Out-Host
    Remove-CopilotUser -UserName no-seat-1 -Force | Format-Table Action, AssigneeType, Organization, Requested, SeatsChanged -AutoSize | Out-Host
    Write-Host 'The seat stays until the end of the billing cycle, marked pending cancellation:'
    Get-CopilotSeat -UserName no-seat-1 | Format-Table Login, CreatedAt, PendingCancellationDate -AutoSize | Out-Host

    Write-Step 'Enterprise listing (one row per grant) summarised with Group-Object Organization'
    Get-CopilotSeat -Enterprise octo-ent |
        Group-Object -Property Organization |
        Sort-Object -Property Count -Descending |
        Select-Object Count, @{ Name = 'Organization'; Expression = { if ($_.Name) { $_.Name } else { '(enterprise team grants)' } } } |
        Format-Table -AutoSize | Out-Host

    Disconnect-Copilot
    Remove-Item -LiteralPath $csv -ErrorAction SilentlyContinue
}

if (-not (Test-Path -LiteralPath $ModuleManifest)) {
    throw "The module is missing at $ModuleManifest : build it first with ./build.ps1."
}
Write-Step 'Start the simulator'
$sim = Start-DemoSimulator
try {
    Invoke-DemoTour -Url $sim.Url
}
finally {
    Write-Step 'Stop the simulator'
    Stop-DemoSimulator $sim
}
