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
            # build.ps1 -Task Package replaces this with the CHANGELOG.md section of ModuleVersion.
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
