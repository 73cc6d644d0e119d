@{
    RootModule             = 'CopilotSeats.dll'
    ModuleVersion          = '0.3.0'
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
        'Get-CopilotCreditUsage'
        'Measure-CopilotSeat'
        'Add-CopilotUser'
        'Remove-CopilotUser'
        'Add-CopilotTeam'
        'Remove-CopilotTeam'
        'Compare-CopilotSeat'
        'Sync-CopilotSeat'
        'Get-CopilotUsage'
        'Test-CopilotConnection'
        'Export-CopilotSeatReport'
        'Get-CopilotSeatJournal'
        'Undo-CopilotSeatChange'
        'Get-CopilotBudget'
        'Set-CopilotBudget'
        'Remove-CopilotBudget'
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
            ReleaseNotes = '- GitHub Apps manage enterprise seats (GitHub changelog, 2026-11-10): Connect-Copilot -ClientId
  -Enterprise signs in with the App''s enterprise installation (GET /enterprises/{enterprise}/installation,
  or -InstallationId); the enterprise seat list and user and enterprise-team assignments work on its
  token with the permission ''Enterprise Copilot license management''. An organization cmdlet under an
  enterprise installation (and the reverse) stops before sending (CopilotSeats.EnterpriseInstallation,
  CopilotSeats.OrganizationInstallation); the member lookup, still closed to Apps, says what to use
  instead. Test-CopilotConnection -Enterprise shows AppPermissions. Tokens of any length (installation
  tokens are about 520 characters since April 2026). The Azure Automation runbook has an enterprise variant.
- REST API version 2026-03-10: -ApiVersion 2026-03-10 works for every cmdlet and completes both
  versions; the default stays 2022-11-28. GitHub''s 400 to an unsupported version stops the command at
  once and names the versions to pass. CI runs the seat, usage and App tests under both versions.
- Seats as GitHub sends them: a seat of a deleted account (assignee null) comes out with an empty
  Login, counts as a seat but not a user, and piped into a change gives CopilotSeats.NoAssignee; a plan
  type the module does not know flows as text and costs 0 with one warning; a Link header on another
  host is followed on the API host (one verbose line), and the token never goes elsewhere.
- -Price 19 prices every plan (the hashtable form stays; anything else is CopilotSeats.InvalidPrice).
- The summary table shows Users again at 80 columns (Cost, IdleCost); seat dates show in local time.
- The demo shows the module''s own views, the summary and the report file.
- Tab completion: a listing that outlives its 2 s budget goes on in the background and fills the cache.
- App installation tokens renew at the lesser of 5 minutes and half their lifetime.
- Export-CopilotSeatReport -IncludeUsage: the report lists seats with the latest 28-day users usage
  report, as Measure-CopilotSeat -IncludeUsage does, and shows UsageActive beside the other figures.
- Get-Help: -GroupBy and -Report list their accepted values; about_CopilotSeats lists every cmdlet.
- For contributors: Core in layers with no loop between folders (ARCHITECTURE.md), three cmdlet bases,
  cmdlet help written once as markdown in src/CopilotSeats/Help and generated into en-US/ by the build,
  warnings are errors, and CI runs the README''s test command (build.ps1 -Task Test).'
        }
    }
}
