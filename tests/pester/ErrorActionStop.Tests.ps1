# -ErrorAction Stop, as a runbook runs: a failing item ends the command, and every change GitHub applied before
# that is still in the output (caught with -OutVariable); a budget change starts no request after the failing one.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession
    function Get-SeatCount { @(Get-CopilotSeat -Organization octo-org @Conn).Count }
}

AfterAll {
    Stop-TestSimulator $Sim
}

Describe '-ErrorAction Stop keeps the applied changes in the output' {
    BeforeEach { Reset-Simulator $Sim }

    It '<Command> writes the change of the names GitHub accepted before it stops on <Bad>' -ForEach @(
        @{ Command = 'Add-CopilotUser'; Names = @{ UserName = 'no-seat-1', 'ghost-nobody', 'no-seat-2' }; Bad = 'ghost-nobody' }
        @{ Command = 'Add-CopilotTeam'; Names = @{ TeamName = 'team-2', 'no-such-team', 'team-3' }; Bad = 'no-such-team' }
    ) {
        $before = Get-SeatCount
        $err = $null
        try { & $Command -Organization octo-org @Names -Force -ErrorAction Stop -OutVariable ov @Conn | Out-Null }
        catch { $err = $_ }
        Assert-ErrorRecord $err 'CopilotSeats.Http422' InvalidOperation $Bad
        $bought = (Get-SeatCount) - $before
        $bought | Should -BeGreaterThan 0
        @($ov).Count | Should -BeGreaterThan 0 -Because 'the seats bought before the error are reported'
        ($ov | Measure-Object SeatsChanged -Sum).Sum | Should -Be $bought
        @($ov.Requested) | Should -Not -Contain $Bad
    }

    It 'Set-CopilotBudget -ThrottleLimit 2 writes the budget created beside the refused one and sends no request after it' {
        $err = $null
        try { Set-CopilotBudget -Organization octo-org -UserName nobody-here, user-0001, user-0002 -AmountUsd 3 -ThrottleLimit 2 -Force -ErrorAction Stop -OutVariable ov @Conn | Out-Null }
        catch { $err = $_ }
        Assert-ErrorRecord $err 'CopilotSeats.Http422' InvalidOperation 'nobody-here'
        Assert-Properties $ov @{ UserName = 'user-0001'; Result = 'Created'; AmountUsd = 3 }
        $posted = @(Get-SimulatorRequests $Sim -Method POST | ForEach-Object { (Get-RequestBody $_).user } | Sort-Object)
        $posted | Should -Be @('nobody-here', 'user-0001') -Because 'user-0002 could start only after the refusal'
    }
}
