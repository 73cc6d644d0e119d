<#
.SYNOPSIS
    A short narrated tour of CopilotSeats against the local simulator.

.DESCRIPTION
    Starts the simulator (src/CopilotSeats.Simulator) on a free loopback port, imports the module
    from out/CopilotSeats, connects with a demo token, lists seats, summarises them (Measure-CopilotSeat),
    writes the HTML report (Export-CopilotSeatReport; the file is kept for you to open), dry-runs a
    reclamation and changes one seat, then stops the simulator. Output uses the module's own views,
    which fit 80 columns. Build first: ./build.ps1 (or ./build.ps1 -Task Demo,
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

    # Everything below is shown by the module's own views (CopilotSeats.Format.ps1xml): they fit 80 columns.
    Write-Step 'Connect-Copilot to the simulator (demo token; sends no request)'
    $token = ConvertTo-SecureString 'sim_demo_token' -AsPlainText -Force
    Connect-Copilot -ApiUrl $Url -Token $token -Organization octo-org | Out-Host

    Write-Step 'Get-CopilotOrgDetail: billing settings and seat breakdown'
    Get-CopilotOrgDetail | Out-Host

    Write-Step 'Get-CopilotSeat | Select-Object -First 5  (the listing streams: this costs one request)'
    Get-CopilotSeat | Select-Object -First 5 | Out-Host

    Write-Step 'Measure-CopilotSeat: seats, users, activity and monthly cost at list prices'
    Measure-CopilotSeat | Out-Host

    Write-Step 'Measure-CopilotSeat -Enterprise octo-ent -GroupBy Organization -Price 19  (one price for every plan)'
    Measure-CopilotSeat -Enterprise octo-ent -GroupBy Organization -Price 19 | Out-Host

    Write-Step 'Export-CopilotSeatReport: the same figures, charts and the reclaimable seats in one HTML file'
    $report = Join-Path ([System.IO.Path]::GetTempPath()) 'copilotseats-demo-report.html'
    $file = Export-CopilotSeatReport -Path $report -PassThru
    Write-Host "Wrote $($file.FullName) ($($file.Length) bytes); open it in a browser."

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
    Add-CopilotUser -UserName no-seat-1 | Out-Host
    Get-CopilotSeat -UserName no-seat-1 | Out-Host
    Remove-CopilotUser -UserName no-seat-1 -Force | Out-Host
    Write-Host 'The seat stays until the end of the billing cycle, marked pending cancellation (CancelsOn):'
    Get-CopilotSeat -UserName no-seat-1 | Out-Host

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
