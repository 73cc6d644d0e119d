# Argument completion of -Organization, -Enterprise, -TeamName and -UserName, through TabExpansion2 against the simulator.
# The two-second budget, the cache and the matching rules are Core's: tests/CopilotSeats.Core.Tests/CompletionTests.cs.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession

    function Connect-Simulator {
        Connect-Copilot -ApiUrl $Sim.Url -Token $Token -Organization 'octo-org' -Enterprise 'octo-ent' | Out-Null
    }

    # Warm up (JIT, HTTP stack) once, so the 2-second budget of the first test measures the request, not start-up.
    Connect-Simulator
    $null = Get-Completion 'Get-CopilotSeat -Organization '
    Disconnect-Copilot
}

AfterAll {
    Disconnect-Copilot
    Restore-TokenEnvironment
    Stop-TestSimulator $script:Sim
}

Describe 'Argument completion' {
    BeforeEach {
        Disconnect-Copilot
        Reset-Simulator $Sim
    }
    AfterEach { Set-SimulatorFaults $Sim @{}; Disconnect-Copilot }

    It '-Organization offers the token''s organizations and the Connect-Copilot default, sorted' {
        Connect-Copilot -ApiUrl $Sim.Url -Token $Token -Organization 'my-default-org' | Out-Null
        Get-Completion 'Get-CopilotSeat -Organization ' | Should -Be @('assign-all-org', 'my-default-org', 'octo-lab', 'octo-org')
        Get-Completion 'Get-CopilotSeat -Organization OCTO-' | Should -Be @('octo-lab', 'octo-org')
        Get-Completion 'Get-CopilotOrgDetail -Organization my' | Should -Be @('my-default-org')
        @(Get-SimulatorRequests $Sim | Where-Object { $_.path -eq '/user/orgs' }).Count | Should -Be 1   # the second and third came from the cache
    }

    It '-TeamName offers the organization''s teams, or the enterprise teams with -Enterprise' {
        Connect-Simulator
        Get-Completion 'Add-CopilotTeam -TeamName team-' | Should -Contain 'team-1'
        Get-Completion 'Add-CopilotTeam -TeamName team-' | Should -Contain 'team-2'
        Get-Completion 'Remove-CopilotTeam -Organization octo-lab -TeamName TEAM-1' | Should -Be @('team-1')
        Get-Completion 'Add-CopilotTeam -Enterprise octo-ent -TeamName ' | Should -Be @('ent-team-1', 'ent-team-2')
        Get-Completion 'Add-CopilotTeam -Enterprise octo-ent -TeamName ent-team-2' | Should -Be @('ent-team-2')
    }

    It '-UserName offers the logins of the target''s seats that start with the prefix' {
        Connect-Simulator
        $logins = @(Get-CopilotSeat | ForEach-Object Login | Where-Object { $_ -like 'team1-*' } | Sort-Object)
        $logins.Count | Should -BeGreaterThan 0
        Get-Completion 'Get-CopilotSeat -UserName team1-' | Should -Be $logins
        Get-Completion 'Remove-CopilotUser -UserName octo' | Should -Be @('octocat')
        Get-Completion 'Get-CopilotSeat -Enterprise octo-ent -UserName ent-user-' | Should -Be @('ent-user-1', 'ent-user-2', 'ent-user-3', 'ent-user-4')
    }

    It 'reads -ApiUrl and -Token typed on the command line' {
        $global:CopilotCompletionToken = $Token
        try {
            Invoke-WithoutAmbientToken {
                Get-Completion "Get-CopilotSeat -ApiUrl $($Sim.Url) -Token `$CopilotCompletionToken -Organization octo-l" | Should -Be @('octo-lab')
                Get-Completion "Add-CopilotTeam -ApiUrl '$($Sim.Url)' -Token `$CopilotCompletionToken -Organization octo-lab -TeamName team-2" | Should -Be @('team-2')
                Get-Completion "Get-CopilotSeat -ApiUrl $($Sim.Url) -Organization octo-l" | Should -BeNullOrEmpty   # no token: nothing
            }
            @(Get-SimulatorRequests $Sim | Where-Object { -not $_.hadAuthorization }).Count | Should -Be 0
        }
        finally { Remove-Variable -Name CopilotCompletionToken -Scope Global }
    }

    It 'sends no mutating request, writes no error and prompts for nothing' {
        Connect-Simulator
        $Error.Clear()
        foreach ($line in 'Remove-CopilotUser -UserName ', 'Remove-CopilotTeam -TeamName ', 'Add-CopilotUser -Organization ',
                          'Remove-CopilotUser -Enterprise octo-ent -UserName ', 'Remove-CopilotTeam -Enterprise octo-ent -TeamName ') {
            $null = Get-Completion $line
        }
        @(Get-SimulatorRequests $Sim).Count | Should -BeGreaterThan 0
        @(Get-MutationRequests $Sim).Count | Should -Be 0
        @(Get-SimulatorRequests $Sim | Where-Object { $_.method -ne 'GET' }).Count | Should -Be 0
        $Error.Count | Should -Be 0
    }
}
