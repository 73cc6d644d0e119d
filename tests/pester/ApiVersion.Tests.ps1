# REST API versions: Connect-Copilot -ApiVersion and -ApiVersion on each cmdlet (2022-11-28, the default, or 2026-03-10)
# reach every request of every cmdlet; a version GitHub does not support stops with GitHub's 400 and says what to pass;
# -ApiVersion completes both versions. (build.ps1 -Task Test also runs the seat, usage and App files under 2026-03-10.)

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'AppHelpers.ps1')
    # This file chooses its versions itself (and sends unsupported ones on purpose).
    $TestApiVersion = $null
    $global:PSDefaultParameterValues.Remove('*-Copilot*:ApiVersion')
    $script:Sim, $script:Conn = Start-TestSession
    $script:OutDir = Join-Path ([System.IO.Path]::GetTempPath()) ('copilotseats-version-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $OutDir

    # One call of every cmdlet that calls GitHub (none of them names a version: it comes from the caller's splat).
    function Invoke-EveryCmdlet([hashtable] $With) {
        $null = Get-CopilotOrgDetail -Organization octo-org @With
        $null = Get-CopilotSeat -Organization octo-org @With | Select-Object -First 1
        $null = Get-CopilotSeat -Organization octo-org -UserName octocat @With
        $null = Get-CopilotSeat -Enterprise octo-ent -IncludeUsage @With | Select-Object -First 1
        $null = Measure-CopilotSeat -Organization octo-lab @With
        $null = Export-CopilotSeatReport -Organization octo-lab -Path (Join-Path $OutDir 'report.html') -Force @With
        $null = Get-CopilotUsage -Organization octo-org @With
        $null = Test-CopilotConnection -Organization octo-org @With
        $null = Add-CopilotUser -Organization octo-org -UserName no-seat-1 -Force @With
        $null = Remove-CopilotUser -Organization octo-org -UserName no-seat-1 -Force @With
        $null = Add-CopilotTeam -Organization octo-org -TeamName team-2 -Force @With
        $null = Remove-CopilotTeam -Organization octo-org -TeamName team-2 -Force @With
        $null = Set-CopilotBudget -Organization octo-org -UserName user-0001 -AmountUsd 3 @With
        $null = Get-CopilotBudget -Organization octo-org -UserName user-0001 @With
        $null = Remove-CopilotBudget -Organization octo-org -UserName user-0001 -Force @With
    }

    # The (method path) of the logged requests the module sent, and the versions they carried.
    function Get-ModuleRequests { @(Get-SimulatorRequests $Sim | Where-Object { ([string]$_.userAgent).StartsWith('CopilotSeats') }) }
}

AfterAll {
    Disconnect-Copilot
    Restore-TokenEnvironment
    Remove-Item -LiteralPath $OutDir -Recurse -Force -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Sim
}

Describe 'REST API version' {
    BeforeEach {
        Disconnect-Copilot
        Reset-Simulator $Sim
    }
    AfterEach { Disconnect-Copilot }

    It 'Connect-Copilot -ApiVersion 2026-03-10 reaches every request of every cmdlet' {
        $c = Connect-Copilot -ApiUrl $Sim.Url -Token $Token -ApiVersion 2026-03-10
        $c.ApiVersion | Should -Be '2026-03-10'
        Invoke-EveryCmdlet @{ ErrorAction = 'Stop' }
        $sent = Get-ModuleRequests
        $sent.Count | Should -BeGreaterThan 12
        @($sent | Where-Object { $_.apiVersion -ne '2026-03-10' } | ForEach-Object { "$($_.apiVersion) $($_.method) $($_.path)" }) | Should -BeNullOrEmpty
        @($sent | Where-Object { $_.status -ge 400 }) | Should -BeNullOrEmpty
        $paths = @($sent | ForEach-Object { "$($_.method) $($_.path)" })
        foreach ($call in 'GET /orgs/octo-org/copilot/billing', 'GET /orgs/octo-org/members/octocat/copilot', 'GET /enterprises/octo-ent/copilot/billing/seats',
            'POST /orgs/octo-org/copilot/billing/selected_users', 'DELETE /orgs/octo-org/copilot/billing/selected_teams') {
            $paths | Should -Contain $call
        }
        @($paths | Where-Object { $_ -like 'GET /*/copilot/metrics/reports/*' }).Count | Should -BeGreaterThan 0
    }

    It '-ApiVersion on each cmdlet wins over the session''s, and the default stays 2022-11-28' {
        (Connect-Copilot -ApiUrl $Sim.Url -Token $Token).ApiVersion | Should -Be '2022-11-28'
        Invoke-EveryCmdlet @{ ApiVersion = '2026-03-10'; ErrorAction = 'Stop' }
        @(Get-ModuleRequests | Where-Object { $_.apiVersion -ne '2026-03-10' }) | Should -BeNullOrEmpty
        Clear-SimulatorLog $Sim
        Connect-Copilot -ApiUrl $Sim.Url -Token $Token -ApiVersion 2026-03-10 | Out-Null
        $null = Get-CopilotSeat -Organization octo-org -UserName octocat -ApiVersion 2022-11-28 -ErrorAction Stop
        (Get-ModuleRequests).apiVersion | Should -Be '2022-11-28'
        Clear-SimulatorLog $Sim
        Disconnect-Copilot
        $null = Get-CopilotOrgDetail -Organization octo-org @Conn -ErrorAction Stop
        (Get-ModuleRequests).apiVersion | Should -Be '2022-11-28'
    }

    It 'a GitHub App signs in and works under 2026-03-10' {
        $key = New-TestAppKey
        $null = Register-SimulatorApp $Sim -ClientId 'Iv23liVersionApp' -PublicKey $key.PublicKey
        $c = Connect-Copilot -ApiUrl $Sim.Url -ClientId 'Iv23liVersionApp' -PrivateKey (ConvertTo-TestSecureString $key.Pkcs8) -Organization octo-org -ApiVersion 2026-03-10
        $c.TokenSource | Should -Be 'GitHubApp'
        $c.ApiVersion | Should -Be '2026-03-10'
        @(Get-CopilotSeat -ErrorAction Stop).Count | Should -Be 120
        $sent = Get-ModuleRequests
        @($sent | ForEach-Object { $_.path }) | Should -Contain '/app/installations/101/access_tokens'
        @($sent | Where-Object { $_.apiVersion -ne '2026-03-10' }) | Should -BeNullOrEmpty
    }

    It 'a version GitHub does not support stops at GitHub''s 400 and names the versions to pass' {
        $err = Get-ThrownError { Get-CopilotSeat -Organization octo-org @Conn -ApiVersion 2031-01-01 -ErrorAction Stop }
        Assert-ErrorRecord $err 'CopilotSeats.Http400' -Category 'InvalidArgument'
        $err.Exception.Message | Should -BeLike '*"2031-01-01", is not a supported version*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*-ApiVersion 2022-11-28 or 2026-03-10*'
        @(Get-ModuleRequests).Count | Should -Be 1   # a configuration error: not retried

        # a seat change stops at its first batch instead of failing every batch alike
        Clear-SimulatorLog $Sim
        $names = 1..150 | ForEach-Object { 'user-{0:d4}' -f $_ }   # two batches
        $err = Get-ThrownError { Add-CopilotUser -Organization octo-org -UserName $names -Force @Conn -ApiVersion 2031-01-01 -ErrorAction SilentlyContinue }
        Assert-ErrorRecord $err 'CopilotSeats.Http400'
        @(Get-ModuleRequests).Count | Should -Be 1
    }

    It '-ApiVersion completes both versions, on Connect-Copilot and on every cmdlet' {
        Get-Completion 'Connect-Copilot -ApiVersion ' | Should -Be @('2022-11-28', '2026-03-10')
        foreach ($command in Get-Command -Module CopilotSeats | Where-Object { $_.Parameters.ContainsKey('ApiVersion') }) {
            Get-Completion "$($command.Name) -ApiVersion " | Should -Be @('2022-11-28', '2026-03-10') -Because $command.Name
        }
        @(Get-SimulatorRequests $Sim) | Should -BeNullOrEmpty   # completing a version sends nothing
    }
}
