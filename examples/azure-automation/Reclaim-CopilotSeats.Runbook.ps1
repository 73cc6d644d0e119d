<#
.SYNOPSIS
    Azure Automation runbook: reclaims inactive Copilot seats, signed in as a GitHub App.

.DESCRIPTION
    Import the CopilotSeats module into the Automation account (Modules > Add a module, PowerShell 7.4 runtime,
    or 5.1), then create this runbook. The App's private key comes from either:
      - an Automation credential (Shared resources > Credentials): user name = the App's client ID,
        password = the .pem text (pasted on one line is fine: line breaks may become spaces); or
      - a Key Vault secret holding the .pem text (-KeyVaultName, -SecretName), read with the Automation
        account's managed identity (Key Vault Secrets User role on the vault; the Az.Accounts and
        Az.KeyVault modules).
    Without -Apply it is a dry run (-WhatIf). With -Apply it cancels the seats of users inactive for
    -InactiveDays, except -Exclude logins and team-granted seats (those are listed with the command to run),
    prints the run's RunId (Undo-CopilotSeatChange -RunId puts the seats back; with nothing cancelled it says so),
    each seat not cancelled ("Not cancelled:", nothing applied) and each cancellation of unknown outcome ("Outcome
    unknown:": the journal records it Unknown, GitHub answered 5xx or no answer came, and GitHub may or may not have
    applied it). After that report every error fails the job except the expected refusals of single seats (ErrorIds
    CopilotSeats.TeamAssigned, OrganizationAssigned, NoSeat, NoAssignee, Http422; excluded users are only warned
    about): GitHub refusing the App (401/403: it lacks "GitHub Copilot Business" read and write; or its token renewal:
    AppAuthFailed, AppNotInstalled), an outcome unknown (the message says how many and how to see each:
    Get-CopilotSeatJournal -RunId), any other error.

    The change journal: the Automation sandbox's disk is gone after the job, so give -JournalPath (or set
    COPILOTSEATS_JOURNAL) a file on persistent storage, such as an Azure file share, to undo a run later.

    Enterprise variant: -Enterprise <slug> instead of -Organization signs in with the App's enterprise
    installation (GitHub Apps may manage enterprise Copilot seats since 2026-11-10). The App needs the
    enterprise permission "Enterprise Copilot license management" (read and write) and an enterprise owner
    must install it on the enterprise. Its token reaches no organization: run one runbook per scope.

.EXAMPLE
    Start-AzAutomationRunbook -Name Reclaim-CopilotSeats -Parameters @{ Organization = 'octo-org' } ...

.EXAMPLE
    Start-AzAutomationRunbook -Name Reclaim-CopilotSeats -Parameters @{ Enterprise = 'octo-ent'; Apply = $true } ...
#>
[CmdletBinding(DefaultParameterSetName = 'Organization')]
param(
    [Parameter(Mandatory, ParameterSetName = 'Organization')] [string] $Organization,
    [Parameter(Mandatory, ParameterSetName = 'Enterprise')] [string] $Enterprise,
    [string] $ClientId,
    [string] $CredentialName = 'CopilotSeatsApp',
    [string] $KeyVaultName,
    [string] $SecretName = 'copilotseats-app-key',
    [long] $InstallationId,
    [int] $InactiveDays = 30,
    [string[]] $Exclude = @(),
    [string] $JournalPath = $env:COPILOTSEATS_JOURNAL,
    [switch] $Apply
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module -Name CopilotSeats)) { Import-Module CopilotSeats }

if ($KeyVaultName) {
    $null = Connect-AzAccount -Identity
    $key = (Get-AzKeyVaultSecret -VaultName $KeyVaultName -Name $SecretName).SecretValue
    if (-not $ClientId) { throw 'With -KeyVaultName, pass the App''s -ClientId.' }
}
else {
    $credential = Get-AutomationPSCredential -Name $CredentialName
    $key = $credential.Password
    if (-not $ClientId) { $ClientId = $credential.UserName }
}

$connect = @{ ClientId = $ClientId; PrivateKey = $key }
if ($Enterprise) { $connect.Enterprise = $Enterprise } else { $connect.Organization = $Organization }
if ($InstallationId) { $connect.InstallationId = $InstallationId }
$connection = Connect-Copilot @connect
Write-Output "Signed in as GitHub App $($connection.AppClientId), installation $($connection.InstallationId) ($(if ($Enterprise) { "enterprise $Enterprise" } else { "organization $Organization" }))."

$check = Test-CopilotConnection
if (-not $check.CanReadSeats) { throw "The App may not read seats: $($check.Problems -join ' ')" }

# An enterprise listing has one row per grant (organization or enterprise team): cancel each user once.
$inactive = @(Get-CopilotSeat -InactiveDays $InactiveDays -Exclude $Exclude | Sort-Object -Property Login -Unique)
Write-Output "$($inactive.Count) seats without Copilot activity for $InactiveDays days."
# Enterprise rows also name the organization that granted the seat: say -Enterprise, or the pipeline binds
# each seat to its organization, which the enterprise installation's token does not reach.
$scope = if ($Enterprise) { @{ Enterprise = $Enterprise } } else { @{} }
if ($Apply) {
    $journal = if ($JournalPath) { @{ JournalPath = $JournalPath } } else { @{} }
    $journalArg = if ($JournalPath) { @{ Path = $JournalPath } } else { @{} }
    $started = [DateTimeOffset]::UtcNow
    # A 401 ends the command (a terminating error): the changes written before it stay in -OutVariable.
    try { $inactive | Remove-CopilotUser @scope @journal -Exclude $Exclude -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable keptBack -OutVariable changes | Out-Null }
    # -ErrorVariable also holds the exception that ended the command (not an ErrorRecord): keep the records only.
    catch { $stop = $_; $keptBack = @($keptBack | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -and $_ -ne $stop }) + $stop }
    $changes = @($changes)
    $cancelled = [int]($changes | Measure-Object -Property SeatsChanged -Sum).Sum
    Write-Output "Cancelled: $cancelled seat$(if ($cancelled -ne 1) { 's' })."
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
        $where = if ($JournalPath) { "the journal at $JournalPath" } else { 'the default journal on this sandbox, gone after the job (pass -JournalPath or set COPILOTSEATS_JOURNAL to persistent storage)' }
        if ($cancelled) { Write-Output "Run $runId is recorded in $where; Undo-CopilotSeatChange -RunId $runId puts the seats back." }
        elseif ($unknownSeats) { Write-Output "Run $runId is recorded in $where; no cancellation is confirmed (GitHub may or may not have applied those below)." }
        else { Write-Output "Run $runId is recorded in $where; it cancelled nothing (the journal records each refusal)." }
    }
}
else {
    $inactive | Remove-CopilotUser @scope -Exclude $Exclude -WhatIf -ErrorAction SilentlyContinue -ErrorVariable keptBack
    Write-Output 'Dry run: nothing was cancelled. Start the runbook with -Apply to cancel.'
    $unknown = @()
}
foreach ($e in $keptBack) {
    if ($e -in $unknown) { Write-Output "Outcome unknown: $($e.TargetObject): $($e.Exception.Message)" }
    else { Write-Output "Not cancelled: $($e.TargetObject): $($e.ErrorDetails.RecommendedAction)" }
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
    $n = if ($unknownSeats) { $unknownSeats.Count } else { $unknown.Count }
    $unknownText = if ($unknownSeats) { "$n seat cancellation$(if ($n -ne 1) { 's' })" } else { "$n cancel request$(if ($n -ne 1) { 's' })" }
    $path = if ($JournalPath) { " -Path $JournalPath" } else { '' }
    $see = if ($runId) { "Get-CopilotSeatJournal$path -RunId $runId shows each" } else { "Get-CopilotSeatJournal$path -Action Remove shows them" }
    $undo = if ($runId) { ", or Undo-CopilotSeatChange -RunId $runId$(if ($JournalPath) { " -JournalPath $JournalPath" }) -IncludeUnknown puts them back" } else { '' }
    throw "Outcome unknown for $unknownText (GitHub answered 5xx, or no answer came): GitHub may or may not have applied them. $see; run the runbook again to cancel those still active$undo."
}
if ($failed) {
    $first = $failed[0]
    throw "$($failed.Count) error$(if ($failed.Count -ne 1) { 's' }) besides the expected refusals of single seats; the first, $(($first.FullyQualifiedErrorId -split ',')[0]) for $($first.TargetObject): $($first.Exception.Message)"
}
