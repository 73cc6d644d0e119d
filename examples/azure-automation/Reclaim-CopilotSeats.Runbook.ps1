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
    prints the run's RunId (Undo-CopilotSeatChange -RunId puts the seats back), each seat not cancelled
    ("Not cancelled:", nothing applied) and each cancellation of unknown outcome ("Outcome unknown:": GitHub
    answered 5xx, or no answer came; GitHub may or may not have applied it, and the journal records it Unknown).
    After that report it fails the job when GitHub refused the cancellations (401/403: the App lacks "GitHub
    Copilot Business" read and write), or when the outcome of any cancellation is unknown (the message says how
    many and how to see each: Get-CopilotSeatJournal -RunId). Expected refusals (a team-granted seat, an excluded
    user, a user without a seat, a 422) do not fail it.

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
    catch { $keptBack = @($keptBack | Where-Object { $_ -ne $PSItem }) + $PSItem }
    $changes = @($changes)
    Write-Output "Cancelled: $([int]($changes | Measure-Object -Property SeatsChanged -Sum).Sum) seats."
    $runId = $changes | Where-Object RunId | Select-Object -First 1 -ExpandProperty RunId
    # No request applied, so no change names the run: the journal does (no journal file: nothing was sent).
    if (-not $runId -and $keptBack) {
        try { $runId = Get-CopilotSeatJournal @journalArg -Since $started -Action Remove | Where-Object Command -eq 'Remove-CopilotUser' | Select-Object -First 1 -ExpandProperty RunId } catch { $runId = $null }
    }
    if ($runId) {
        $where = if ($JournalPath) { "the journal at $JournalPath" } else { 'the default journal on this sandbox, gone after the job (pass -JournalPath or set COPILOTSEATS_JOURNAL to persistent storage)' }
        Write-Output "Run $runId is recorded in $where; Undo-CopilotSeatChange -RunId $runId puts the seats back."
    }
    # Of unknown outcome: a cancel (DELETE) GitHub answered with a 5xx (CopilotSeats.Http5xx, ResourceUnavailable) or did not
    # answer (CopilotSeats.ConnectionFailed, ConnectionError; CopilotSeats.Timeout, OperationTimeout). GitHub may have applied
    # it; the journal records it Unknown. Any other error applied nothing: a refusal (4xx), a seat kept back before sending
    # (team-granted, excluded), a failed member lookup (GET) or App token request (POST).
    $unknown = @($keptBack | Where-Object {
            $method = if ($_.Exception -is [CopilotSeats.CopilotApiException]) { $_.Exception.Method } else { ("$($_.Exception.Message)" -split ' ', 2)[0] }
            $method -eq 'DELETE' -and $_.CategoryInfo.Category -in 'ResourceUnavailable', 'ConnectionError', 'OperationTimeout'
        })
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
# A refusal of the App itself (401, 403) kept every change back: fail the job rather than report 0 seats as done.
$denied = @($keptBack | Where-Object { $_.Exception.StatusCode -in 401, 403 })
if ($denied) { throw "GitHub refused the App ($($denied[0].Exception.StatusCode)): $($denied[0].Exception.Message)" }
# A change GitHub may or may not have applied is no success either: fail the job, after the report above.
if ($unknown) {
    $unknownSeats = @()
    if ($runId) { try { $unknownSeats = @(Get-CopilotSeatJournal @journalArg -RunId $runId | Where-Object Outcome -eq 'Unknown') } catch { $unknownSeats = @() } }
    $unknownText = if ($unknownSeats) { "$($unknownSeats.Count) seat cancellations" } else { "$($unknown.Count) cancel requests" }
    $path = if ($JournalPath) { " -Path $JournalPath" } else { '' }
    $see = if ($runId) { "Get-CopilotSeatJournal$path -RunId $runId shows each" } else { "Get-CopilotSeatJournal$path -Action Remove shows them" }
    $undo = if ($runId) { ", or Undo-CopilotSeatChange -RunId $runId$(if ($JournalPath) { " -JournalPath $JournalPath" }) -IncludeUnknown puts them back" } else { '' }
    throw "Outcome unknown for $unknownText (GitHub answered 5xx, or no answer came): GitHub may or may not have applied them. $see; run the runbook again to cancel those still active$undo."
}
