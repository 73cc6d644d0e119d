<#
.SYNOPSIS
    Reports the organization's inactive Copilot seats and dry-runs their cancellation, signed in as a GitHub App.

.DESCRIPTION
    Run by copilot-reclaim.yml. Reads the App's client ID and private key (PEM text) from the environment
    (COPILOT_APP_CLIENT_ID, COPILOT_APP_PRIVATE_KEY: an Actions variable and secret), signs in with
    Connect-Copilot -PrivateKey, checks what the App may do, writes the inactive seats to a CSV and runs
    Remove-CopilotUser -WhatIf over them: nothing is cancelled. Team-granted seats are listed with the
    Remove-CopilotTeam command to run instead. The API URL is GITHUB_API_URL when set (GitHub sets it to
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
    [string] $ReportPath = 'inactive-seats.csv'
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

# The dry run: what would be cancelled; nothing is. Enterprise rows also name the organization that granted the
# seat: -Enterprise is said again, or the pipeline binds each seat to its organization, out of the token's reach.
$changeScope = if ($Enterprise) { @{ Enterprise = $Enterprise } } else { @{} }
$inactive | Remove-CopilotUser @changeScope -WhatIf -ErrorAction SilentlyContinue -ErrorVariable keptBack
foreach ($e in $keptBack) { "Not sent: $($e.TargetObject): $($e.ErrorDetails.RecommendedAction)" }

if ($env:GITHUB_STEP_SUMMARY) {
    "### Copilot seats of $target inactive for $InactiveDays days: $($inactive.Count) (dry run)" | Add-Content -Path $env:GITHUB_STEP_SUMMARY
}
Disconnect-Copilot
