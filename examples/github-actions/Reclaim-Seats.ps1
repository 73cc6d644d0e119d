<#
.SYNOPSIS
    Reports the organization's inactive Copilot seats and dry-runs their cancellation, signed in as a GitHub App.

.DESCRIPTION
    Run by copilot-reclaim.yml. Reads the App's client ID and private key (PEM text) from the environment
    (COPILOT_APP_CLIENT_ID, COPILOT_APP_PRIVATE_KEY: an Actions variable and secret), signs in with
    Connect-Copilot -PrivateKey, checks what the App may do, writes the inactive seats to a CSV and runs
    Remove-CopilotUser -WhatIf over them: nothing is cancelled. Team-granted seats are listed with the
    Remove-CopilotTeam command to run instead.

    With -Apply (an App with "GitHub Copilot Business" read and write) it cancels them and prints the run's RunId
    (Undo-CopilotSeatChange -RunId puts the seats back; with nothing cancelled it says so), each seat not cancelled
    ("Not cancelled:", nothing applied) and each cancellation of unknown outcome ("Outcome unknown:": the journal records
    it Unknown, GitHub answered 5xx or no answer came, and GitHub may or may not have applied it). After the report and
    the step summary every error fails the job except the expected refusals of single seats (ErrorIds
    CopilotSeats.TeamAssigned, whose line names the Remove-CopilotTeam command; OrganizationAssigned; NoSeat;
    NoAssignee; Http422): GitHub refusing the App (401/403, or its token renewal: AppAuthFailed, AppNotInstalled), an
    outcome unknown (the message says how many and how to see each: Get-CopilotSeatJournal -RunId), any other error.
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
    $journalArg = if ($JournalPath) { @{ Path = $JournalPath } } else { @{} }
    $started = [DateTimeOffset]::UtcNow
    # A 401 ends the command (a terminating error): the changes written before it stay in -OutVariable.
    try { $inactive | Remove-CopilotUser @changeScope -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable keptBack -OutVariable changes | Out-Null }
    # -ErrorVariable also holds the exception that ended the command (not an ErrorRecord): keep the records only.
    catch { $stop = $_; $keptBack = @($keptBack | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -and $_ -ne $stop }) + $stop }
    $changes = @($changes)
    $cancelled = [int]($changes | Measure-Object -Property SeatsChanged -Sum).Sum
    "Cancelled: $cancelled seat$(if ($cancelled -ne 1) { 's' })."
    $outcome = "$cancelled cancelled"
    $runId = $changes | Where-Object RunId | Select-Object -First 1 -ExpandProperty RunId
    # No request applied, so no change names the run: the journal does (no journal file: nothing was sent). A shared
    # journal also holds other jobs' runs: this run's is the one of this organization or enterprise.
    $journalRead = $true
    if (-not $runId -and $keptBack) {
        try {
            $runId = Get-CopilotSeatJournal @journalArg -Since $started -Action Remove |
                Where-Object { $_.Command -eq 'Remove-CopilotUser' -and $(if ($Enterprise) { $_.Enterprise -eq $Enterprise } else { $_.Organization -eq $Organization }) } |
                Select-Object -First 1 -ExpandProperty RunId
        }
        catch { $runId = $null; $journalRead = $false }
    }
    # Of unknown outcome, as the journal records them: the run's cancellations journaled Unknown (GitHub answered 5xx,
    # or no answer came). Their errors are 5xx, connection or timeout ones; the same errors of a request never sent
    # (a failed token renewal) are journaled as refused. Without the journal, each such error counts.
    $unknownSeats = @()
    if ($runId) { try { $unknownSeats = @(Get-CopilotSeatJournal @journalArg -RunId $runId | Where-Object Outcome -eq 'Unknown') } catch { $journalRead = $false } }
    $unknown = @($keptBack | Where-Object {
            $_.CategoryInfo.Category -in 'ResourceUnavailable', 'ConnectionError', 'OperationTimeout' -and
            ($_.FullyQualifiedErrorId -split ',')[0] -ne 'CopilotSeats.JournalUnavailable' -and ($unknownSeats -or -not $journalRead)
        })
    if ($runId) {
        $where = if ($JournalPath) { "the journal at $JournalPath" } else { 'the default journal on this runner, gone after the job (set COPILOTSEATS_JOURNAL to a file the workflow keeps)' }
        if ($cancelled) { "Run $runId is recorded in $where; Undo-CopilotSeatChange -RunId $runId puts the seats back." }
        elseif ($unknownSeats) { "Run $runId is recorded in $where; no cancellation is confirmed (GitHub may or may not have applied those below)." }
        else { "Run $runId is recorded in $where; it cancelled nothing (the journal records each refusal)." }
    }
    if ($unknownSeats -or $unknown) {
        $n = if ($unknownSeats) { $unknownSeats.Count } else { $unknown.Count }
        $unknownText = if ($unknownSeats) { "$n seat cancellation$(if ($n -ne 1) { 's' })" } else { "$n cancel request$(if ($n -ne 1) { 's' })" }
        $outcome += ", outcome unknown for $unknownText"
    }
}
else {
    $inactive | Remove-CopilotUser @changeScope -WhatIf -ErrorAction SilentlyContinue -ErrorVariable keptBack
    $outcome = 'dry run'
    $unknown = @()
}
foreach ($e in $keptBack) {
    if ($e -in $unknown) { "Outcome unknown: $($e.TargetObject): $($e.Exception.Message)" }
    elseif ($Apply) { "Not cancelled: $($e.TargetObject): $($e.ErrorDetails.RecommendedAction)" }
    else { "Not sent: $($e.TargetObject): $($e.ErrorDetails.RecommendedAction)" }
}

if ($env:GITHUB_STEP_SUMMARY) {
    "### Copilot seats of $target inactive for $InactiveDays days: $($inactive.Count) ($outcome)" | Add-Content -Path $env:GITHUB_STEP_SUMMARY
}
Disconnect-Copilot
# With -Apply every error fails the job, after the report above, except the refusals of single seats an admin sees
# every week: a team- or organization-granted seat, a name without a seat, a seat without an assignee, GitHub's 422.
$expected = 'CopilotSeats.TeamAssigned', 'CopilotSeats.OrganizationAssigned', 'CopilotSeats.NoSeat', 'CopilotSeats.NoAssignee', 'CopilotSeats.Http422'
$failed = @(if ($Apply) { $keptBack | Where-Object { ($_.FullyQualifiedErrorId -split ',')[0] -notin $expected } })
# A refusal of the App itself kept every change back: GitHub's 401 or 403, or its sign-in lost (a token renewal refused).
$denied = @($keptBack | Where-Object { $_.Exception.StatusCode -in 401, 403 })
if ($denied) { throw "GitHub refused the App ($($denied[0].Exception.StatusCode)): $($denied[0].Exception.Message)" }
$signIn = @($failed | Where-Object { ($_.FullyQualifiedErrorId -split ',')[0] -in 'CopilotSeats.AppAuthFailed', 'CopilotSeats.AppNotInstalled', 'CopilotSeats.Disconnected' })
if ($signIn) { throw "The App lost its sign-in ($(($signIn[0].FullyQualifiedErrorId -split ',')[0])): $($signIn[0].Exception.Message) $($signIn[0].ErrorDetails.RecommendedAction)" }
# A change GitHub may or may not have applied is no success either.
if ($Apply -and ($unknownSeats -or $unknown)) {
    $path = if ($JournalPath) { " -Path $JournalPath" } else { '' }
    $see = if ($runId) { "Get-CopilotSeatJournal$path -RunId $runId shows each" } else { "Get-CopilotSeatJournal$path -Action Remove shows them" }
    $undo = if ($runId) { ", or Undo-CopilotSeatChange -RunId $runId$(if ($JournalPath) { " -JournalPath $JournalPath" }) -IncludeUnknown puts them back" } else { '' }
    throw "Outcome unknown for $unknownText (GitHub answered 5xx, or no answer came): GitHub may or may not have applied them. $see; run the job again to cancel those still active$undo."
}
if ($failed) {
    $first = $failed[0]
    throw "$($failed.Count) error$(if ($failed.Count -ne 1) { 's' }) besides the expected refusals of single seats; the first, $(($first.FullyQualifiedErrorId -split ',')[0]) for $($first.TargetObject): $($first.Exception.Message)"
}
