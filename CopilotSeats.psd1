@{
    RootModule             = 'CopilotSeats.dll'
    ModuleVersion          = '0.2.0'
    GUID                   = '76905c35-45c4-46f5-a7ee-eacd9ba8b6de'
    Author                 = 'CopilotSeats contributors'
    CompanyName            = 'CopilotSeats'
    Copyright              = '(c) 2026 CopilotSeats contributors. All rights reserved.'
    Description            = 'Manage GitHub Copilot Business and Enterprise seats for organizations and enterprises: list seats, look up users, and add or cancel seats for users and teams, with paging, batching, retries and rate-limit handling built in.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('CopilotSeats.Format.ps1xml')
    CmdletsToExport        = @(
        'Connect-Copilot'
        'Disconnect-Copilot'
        'Get-CopilotOrgDetail'
        'Get-CopilotSeat'
        'Measure-CopilotSeat'
        'Add-CopilotUser'
        'Remove-CopilotUser'
        'Add-CopilotTeam'
        'Remove-CopilotTeam'
        'Get-CopilotUsage'
        'Test-CopilotConnection'
        'Export-CopilotSeatReport'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('GitHub', 'Copilot', 'Seats', 'Billing', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/CopilotSeats/CopilotSeats/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/CopilotSeats/CopilotSeats'
            # The CHANGELOG.md section of ModuleVersion (Package.Tests checks they match; build.ps1 -Task Package refreshes it).
            ReleaseNotes = '- Reclamation: Remove-CopilotUser keeps team-granted seats back (CopilotSeats.TeamAssigned, with the
  exact Remove-CopilotTeam command) and seats already pending cancellation; a 422 for a batch is
  narrowed to the names GitHub refuses (CopilotSeats.TeamAssigned, CopilotSeats.NoSeat) and the rest
  are cancelled; -Exclude on Get-CopilotSeat and Remove-CopilotUser.
- Measure-CopilotSeat: seats, unique users, active and inactive users, monthly cost and what
  reclaiming inactive seats saves, per organization, team, editor or plan type.
- Export-CopilotSeatReport: a self-contained HTML report (inline CSS and SVG, no script, no URL) of
  piped or listed seats: Measure-CopilotSeat''s headline figures, a days-inactive histogram, seats by
  editor, organization and team, and the reclaimable seats; every value HTML-encoded; -InactiveDays,
  -Price, -Currency, -PassThru, -NoClobber, -Force and -WhatIf as on Export-Csv.
- CopilotSeat.DaysInactive: the number -InactiveDays selects by.
- GitHub App sign-in: Connect-Copilot -ClientId with -PrivateKeyPath or -PrivateKey (PKCS#1 or
  PKCS#8 PEM, read with System.Formats.Asn1), -InstallationId or discovery; installation tokens
  renewed before they expire and once on a 401, one renewal shared by concurrent requests;
  CopilotSeats.BadPrivateKey, CopilotSeats.AppNotInstalled, CopilotSeats.AppAuthFailed.
- Test-CopilotConnection: what the token may do (org detail, seats, usage reports), its kind, scopes
  and rate limit, and one line per missing scope, permission, role or policy; GET requests only.
- Get-CopilotUsage: GitHub''s usage metrics reports (Users, Summary, UserTeams, Repositories; -Day or
  the latest 28 days; -Raw) streamed from the signed download links, which get no token and never
  show their query string; Get-CopilotSeat -IncludeUsage adds Usage* properties to each seat and
  Measure-CopilotSeat counts UsageActive.
- At the prompt: default views fit 80 columns (seats grouped by organization, dates yyyy-MM-dd);
  tab completion of -Organization, -Enterprise, -TeamName and -UserName; Write-Progress for listings
  of more than one page, batched changes and report downloads.
- Packaging: build.ps1 -Task Package writes a PowerShell Gallery package (PSResourceGet); LICENSE
  (MIT); the README''s first two commands need only the .NET SDK.
- Dependency isolation: Core and its dependencies load into a private AssemblyLoadContext on
  PowerShell 7 (Dependencies/ folder); the output types stay resolvable by name.
- Error messages: GitHub''s words, then the one cause that fits.'
        }
    }
}
