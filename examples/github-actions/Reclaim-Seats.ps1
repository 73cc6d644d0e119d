<#
.SYNOPSIS
    Reports the organization's inactive Copilot seats and dry-runs their cancellation, signed in as a GitHub App.

.DESCRIPTION
    Run by copilot-reclaim.yml. Reads the App's client ID and private key (PEM text) from the environment
    (COPILOT_APP_CLIENT_ID, COPILOT_APP_PRIVATE_KEY: an Actions variable and secret), signs in with
    Connect-Copilot -PrivateKey, checks what the App may do, writes the inactive seats to a CSV and runs
    Remove-CopilotUser -WhatIf over them: nothing is cancelled. Team-granted seats are listed with the
    Remove-CopilotTeam command to run instead.

    With -Apply (an App with "GitHub Copilot Business" read and write) it cancels them, prints the run's RunId
    (Undo-CopilotSeatChange -RunId puts the seats back) and fails the job when GitHub refused the App (401/403).
    A runner's disk is gone after the job: set COPILOTSEATS_JOURNAL (or -JournalPath) to a file the workflow
    keeps (upload it as an artifact, or put it on storage of your own) to undo a run later. The API URL is GITHUB_API_URL when set (GitHub sets it to
    https://api.github.com on its runners), else https://api.github.com.

    Enterprise variant: -Enterprise <slug> instead of -Organization signs in with the App's enterprise
    installation (GitHub Apps may manage enterprise Copilot seats since 2026-11-10; the App needs the enterprise
    permission "Enterprise Copilot license management"). Its token reaches no organization: one job per scope.
#>
[CmdletBinding(DefaultParameterSetName = 'Organization')]
param(
    [Parameter(Mandatory, ParameterSetName = 'Organization')] [string] $Organization,
    [Parameter(Mandatory, ParameterSetName = 'Enterprise')] [string] $Enterprise,
    [int] $InactiveDays = 30,
    [string] $ReportPath = 'inactive-seats.csv',
    [string] $JournalPath = $env:COPILOTSEATS_JOURNAL,
    [switch] $Apply
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module -Name CopilotSeats)) { Import-Module CopilotSeats }

if (-not $env:COPILOT_APP_CLIENT_ID -or -not $env:COPILOT_APP_PRIVATE_KEY) {
    throw 'Set COPILOT_APP_CLIENT_ID (variable) and COPILOT_APP_PRIVATE_KEY (secret) for this job.'
}
# The key goes into a SecureString at once and leaves the environment.
$key = ConvertTo-SecureString -String $env:COPILOT_APP_PRIVATE_KEY -AsPlainText -Force
Remove-Item -Path Env:COPILOT_APP_PRIVATE_KEY

# The scope: -Organization or -Enterprise, as given to this script.
$scope = if ($Enterprise) { @{ Enterprise = $Enterprise } } else { @{ Organization = $Organization } }
$target = if ($Enterprise) { "enterprise $Enterprise" } else { "organization $Organization" }
$connection = Connect-Copilot -ClientId $env:COPILOT_APP_CLIENT_ID -PrivateKey $key @scope
"Signed in as GitHub App $($connection.AppClientId), installation $($connection.InstallationId) ($target)."

$check = Test-CopilotConnection
if (-not $check.CanReadSeats) { throw "The App may not read seats: $($check.Problems -join ' ')" }

$seats = @(Get-CopilotSeat -InactiveDays $InactiveDays)
# An enterprise listing has one row per grant (organization or enterprise team): report each user once.
if ($Enterprise) { $seats = @($seats | Sort-Object -Property Login -Unique) }
$inactive = @($seats | Select-Object Login, Organization, Enterprise, AssigningTeam, LastActivityAt, DaysInactive, PendingCancellationDate)
$inactive | Export-Csv -Path $ReportPath -NoTypeInformation
"$($inactive.Count) seats without Copilot activity for $InactiveDays days: $ReportPath"

# Without -Apply, the dry run: what would be cancelled; nothing is. Enterprise rows also name the organization that
# granted the seat: -Enterprise is said again, or the pipeline binds each seat to its organization, out of the token's reach.
$changeScope = if ($Enterprise) { @{ Enterprise = $Enterprise } } else { @{} }
if ($Apply) {
    if ($JournalPath) { $changeScope.JournalPath = $JournalPath }
    # A 401 ends the command (a terminating error): the changes written before it stay in -OutVariable.
    try { $inactive | Remove-CopilotUser @changeScope -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable keptBack -OutVariable changes | Out-Null }
    catch { $keptBack = @($keptBack | Where-Object { $_ -ne $PSItem }) + $PSItem }
    $changes = @($changes)
    $cancelled = [int]($changes | Measure-Object -Property SeatsChanged -Sum).Sum
    "Cancelled: $cancelled seats."
    $outcome = "$cancelled cancelled"
    $runId = $changes | Where-Object RunId | Select-Object -First 1 -ExpandProperty RunId
    if ($runId) {
        $where = if ($JournalPath) { "the journal at $JournalPath" } else { 'the default journal on this runner, gone after the job (set COPILOTSEATS_JOURNAL to a file the workflow keeps)' }
        "Run $runId is recorded in $where; Undo-CopilotSeatChange -RunId $runId puts the seats back."
    }
}
else {
    $inactive | Remove-CopilotUser @changeScope -WhatIf -ErrorAction SilentlyContinue -ErrorVariable keptBack
    $outcome = 'dry run'
}
foreach ($e in $keptBack) { "Not sent: $($e.TargetObject): $($e.ErrorDetails.RecommendedAction)" }

if ($env:GITHUB_STEP_SUMMARY) {
    "### Copilot seats of $target inactive for $InactiveDays days: $($inactive.Count) ($outcome)" | Add-Content -Path $env:GITHUB_STEP_SUMMARY
}
Disconnect-Copilot
# A refusal of the App itself (401, 403) kept every change back: fail the job rather than report 0 seats as done.
$denied = @($keptBack | Where-Object { $_.Exception.StatusCode -in 401, 403 })
if ($denied) { throw "GitHub refused the App ($($denied[0].Exception.StatusCode)): $($denied[0].Exception.Message)" }
