# Connect-Copilot / Disconnect-Copilot, and the token and API URL read from the real environment. The order in
# which parameters, the session and the variables win is Core's rule: tests/CopilotSeats.Core.Tests/ConnectionTests.cs.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession

    # Every test starts disconnected, without the token variables and on a fresh simulator, and ends
    # disconnected with the environment restored.
    function Start-CleanTest { Disconnect-Copilot; Clear-TokenEnvironment; Reset-Simulator $Sim }
    function Stop-CleanTest { Disconnect-Copilot; Restore-TokenEnvironment }
}

AfterAll {
    Disconnect-Copilot
    Restore-TokenEnvironment
    Stop-TestSimulator $Sim
}

Describe 'Connect-Copilot and Disconnect-Copilot' {
    BeforeEach { Start-CleanTest }
    AfterEach { Stop-CleanTest }

    It 'Connect-Copilot writes a CopilotConnection with TokenSource and no token, and sends no request' {
        $c = Connect-Copilot -ApiUrl $Sim.Url -Token $Token -Organization octo-org
        @($c).Count | Should -Be 1
        $c.GetType().FullName | Should -Be 'CopilotSeats.CopilotConnection'
        $c.ApiUrl.ToString().TrimEnd('/') | Should -Be $Sim.Url
        $c.ApiVersion | Should -Be '2022-11-28'
        $c.Organization | Should -Be 'octo-org'
        $c.TokenSource | Should -Be 'Connect-Copilot'
        $c.PSObject.Properties.Name | Should -Not -Contain 'Token'
        (ConvertTo-AllText $c) | Should -Not -Match $CanaryToken
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'later cmdlets use the Connect-Copilot defaults (no -Token, -ApiUrl or -Organization)' {
        $null = Connect-Copilot -ApiUrl $Sim.Url -Token $Token -Organization octo-org
        $detail = Get-CopilotOrgDetail
        $detail.Organization | Should -Be 'octo-org'
        @(Get-CopilotSeat).Count | Should -Be 120
        (Remove-CopilotUser -UserName user-0001 -Force).Organization | Should -Be 'octo-org'
        $log = @(Get-SimulatorRequests $Sim)
        @($log | Where-Object { -not $_.hadAuthorization -or $_.path -notlike '/orgs/octo-org/*' }).Count | Should -Be 0
        (Get-CopilotSeat -UserName user-0001).PendingCancellationDate | Should -Not -BeNullOrEmpty
    }

    It 'Connect-Copilot -Enterprise makes the enterprise the default target' {
        $null = Connect-Copilot -ApiUrl $Sim.Url -Token $Token -Enterprise octo-ent
        $seats = @(Get-CopilotSeat)
        $seats.Count | Should -BeGreaterThan 120
        @($seats | Where-Object { $_.Enterprise -ne 'octo-ent' }).Count | Should -Be 0
        @(Get-SimulatorRequests $Sim | Where-Object { $_.path -like '/enterprises/octo-ent/*' }).Count | Should -BeGreaterThan 0
        @(Get-SimulatorRequests $Sim | Where-Object { $_.path -notlike '/enterprises/octo-ent/*' }).Count | Should -Be 0
        $seats.Count | Should -Be @(Get-RawRows '/enterprises/octo-ent').Count
    }

    It '-Token on a cmdlet beats the token stored by Connect-Copilot' {
        $bad = ConvertTo-SecureString 'sim_bad_session_token' -AsPlainText -Force
        $null = Connect-Copilot -ApiUrl $Sim.Url -Token $bad -Organization octo-org
        $detail = Get-CopilotOrgDetail -Token $Token
        $detail.Organization | Should -Be 'octo-org'
    }

    It 'Disconnect-Copilot clears the session and writes nothing' {
        $null = Connect-Copilot -ApiUrl $Sim.Url -Token $Token -Organization octo-org
        $out = @(Disconnect-Copilot)
        $out.Count | Should -Be 0
        # The default organization is gone: nothing to target.
        $err = Get-ThrownError { Get-CopilotSeat @Conn -ErrorAction Stop }
        Assert-ErrorRecord $err 'CopilotSeats.NoTarget' InvalidArgument
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'Connect-Copilot refuses plain http:// for a non-loopback host' {
        $err = Get-ThrownError { Connect-Copilot -ApiUrl 'http://example.com' -Token $Token }
        Assert-ErrorRecord $err 'CopilotSeats.InvalidApiUrl'
    }

    It 'Connect-Copilot accepts a data-residency https host without sending anything' {
        $c = Connect-Copilot -ApiUrl 'https://api.octocorp.ghe.com' -Token $Token -Organization octo-org
        $c.ApiUrl.ToString().TrimEnd('/') | Should -Be 'https://api.octocorp.ghe.com'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }
}

Describe 'Token from the environment' {
    BeforeEach { Start-CleanTest }
    AfterEach { Stop-CleanTest }

    It 'uses GH_TOKEN when neither -Token nor Connect-Copilot gives one, and shows it in no stream' {
        $env:GH_TOKEN = $CanaryToken
        (Get-CopilotOrgDetail -Organization octo-org -ApiUrl $Sim.Url).Organization | Should -Be 'octo-org'
        $records = @(Get-CopilotSeat -Organization octo-org -ApiUrl $Sim.Url -Verbose -Debug *>&1)
        @($records | Where-Object { $_ -is [CopilotSeats.CopilotSeat] }).Count | Should -Be 120
        (ConvertTo-AllText $records) | Should -Not -Match $CanaryToken
        (Connect-Copilot -ApiUrl $Sim.Url).TokenSource | Should -Be 'GH_TOKEN'
    }

    It 'with no token anywhere a cmdlet throws CopilotSeats.NoToken naming GH_TOKEN and GITHUB_TOKEN, and -WhatIf needs none; nothing is sent, no journal made' {
        $journal = Join-Path $TestDrive 'no-token.jsonl'
        $errors = Invoke-WithoutAmbientToken {
            foreach ($command in { Get-CopilotOrgDetail -Organization octo-org -ApiUrl $Sim.Url }, { Get-CopilotSeat -Organization octo-org -ApiUrl $Sim.Url },
                { Remove-CopilotUser -Organization octo-org -UserName user-0001 -Force -JournalPath $journal -ApiUrl $Sim.Url }, { Add-CopilotTeam -Organization octo-org -TeamName team-2 -ApiUrl $Sim.Url },
                { Set-CopilotBudget -Organization octo-org -UserName user-0001 -AmountUsd 1 -Force -JournalPath $journal -ApiUrl $Sim.Url }) {
                Get-ThrownError $command
            }
            @(Remove-CopilotUser -Organization octo-org -UserName user-0001 -WhatIf -ApiUrl $Sim.Url -ErrorVariable whatIfErrors).Count | Should -Be 0
            @($whatIfErrors).Count | Should -Be 0
        }
        @($errors).Count | Should -Be 5 -Because 'a missing token is a terminating error'
        Test-Path $journal | Should -BeFalse -Because 'the journal is opened after the token is found'
        foreach ($err in $errors) {
            Assert-ErrorRecord $err 'CopilotSeats.NoToken' AuthenticationError
            $err.Exception.Message | Should -Match 'GH_TOKEN'
            $err.Exception.Message | Should -Match 'GITHUB_TOKEN'
        }
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }
}

Describe 'API URL from the environment' {
    BeforeEach { Start-CleanTest }
    AfterEach { Stop-CleanTest }

    It 'GITHUB_API_URL points the cmdlets at the simulator when -ApiUrl is not given' {
        $env:GITHUB_API_URL = $Sim.Url
        (Get-CopilotOrgDetail -Organization octo-org -Token $Token).Organization | Should -Be 'octo-org'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 1
        (Connect-Copilot -Token $Token).ApiUrl.ToString().TrimEnd('/') | Should -Be $Sim.Url
    }

    It 'refuses plain http:// to a non-loopback host (-ApiUrl) with CopilotSeats.InvalidApiUrl' {
        $err = Get-ThrownError { Get-CopilotOrgDetail -Organization octo-org -Token $Token -ApiUrl 'http://example.com' }
        Assert-ErrorRecord $err 'CopilotSeats.InvalidApiUrl'
        $err.Exception.Message | Should -Not -Match $CanaryToken
    }

    It 'refuses plain http:// to a non-loopback host (GITHUB_API_URL)' {
        $env:GITHUB_API_URL = 'http://example.com'
        $err = Get-ThrownError { Get-CopilotSeat -Organization octo-org -Token $Token }
        Assert-ErrorRecord $err 'CopilotSeats.InvalidApiUrl'
    }
}

Describe 'Refused parameters' {
    BeforeEach { Start-CleanTest }
    AfterEach { Stop-CleanTest }

    It 'a refused <Id> names <Target> and says what to pass' -ForEach @(
        @{ Id = 'CopilotSeats.InvalidMaxRateLimitWait'; Target = ([TimeSpan]::FromSeconds(-1)); Action = 'Pass -MaxRateLimitWait 0 or more (seconds).'
           Command = { Get-CopilotSeat -Organization octo-org -MaxRateLimitWait ([TimeSpan]::FromSeconds(-1)) @Conn } }
        @{ Id = 'CopilotSeats.InvalidName'; Target = 'a/b'; Action = 'Pass the user name as it appears on GitHub.'
           Command = { Compare-CopilotSeat -Organization octo-org -ReferenceUser 'a/b' @Conn -ErrorAction Stop } }
    ) {
        $err = Get-ThrownError $Command
        Assert-ErrorRecord $err $Id InvalidArgument $Target
        $err.ErrorDetails.RecommendedAction | Should -Be $Action
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }
}
