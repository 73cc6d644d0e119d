# A long listing stopped (PowerShell.Stop(), what the console does on Ctrl+C) and the rate-limit countdown, each in
# a second runspace of this pwsh so that its streams can be read and stopped. (Stopping a rate-limit wait or a slow
# change: tests/CopilotSeats.Runspace.Tests/StopTests.cs; paging completeness at every throttle and a listing that
# changes while it is read: tests/CopilotSeats.Core.Tests/PagingTests.cs.)

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession

    function Wait-Until([scriptblock] $Condition, [int] $TimeoutSeconds = 20) {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        while ([DateTime]::UtcNow -lt $deadline) {
            if (& $Condition) { return $true }
            Start-Sleep -Milliseconds 25
        }
        return $false
    }
}

AfterAll {
    Reset-Simulator $Sim
    Stop-TestSimulator $Sim
}

Describe 'Stop (Ctrl+C)' {
    BeforeAll {
        Reset-Simulator $Sim @{ seats = 1000 }
        $script:Shell = New-ModuleShell
    }
    AfterAll {
        Remove-ModuleShell $Shell
        Reset-Simulator $Sim
    }

    It 'stops a 1,000-page listing within a second and sends nothing afterwards' {
        Set-SimulatorFaults $Sim @{ latencyMs = 40 }
        Clear-SimulatorLog $Sim
        $null = $Shell.AddScript('Get-CopilotSeat -Organization octo-org -PageSize 1 -Token $tok -ApiUrl $api')
        $output = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
        $handle = $Shell.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
        (Wait-Until { $output.Count -ge 20 }) | Should -BeTrue -Because 'the listing writes seats as pages arrive'

        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $Shell.Stop()
        $watch.Stop()
        $ended = $null
        try { $null = $Shell.EndInvoke($handle) } catch { $ended = $_.Exception }
        $Shell.Commands.Clear()

        Write-Host ("    stopped in {0:N0} ms after {1} seats" -f $watch.Elapsed.TotalMilliseconds, $output.Count)
        $watch.Elapsed.TotalMilliseconds | Should -BeLessThan 1000
        "$($Shell.InvocationStateInfo.State)" | Should -Be 'Stopped'
        $ended | Should -Not -BeNullOrEmpty
        $output.Count | Should -BeLessThan 1000
        $sent = @(Get-SimulatorRequests $Sim).Count
        Start-Sleep -Milliseconds 500
        @(Get-SimulatorRequests $Sim).Count | Should -Be $sent -Because 'no request goes out after the stop'
        $sent | Should -BeLessThan 1000
    }
}

Describe 'Rate-limit countdown' {
    BeforeAll { $script:Shell = New-ModuleShell }
    AfterAll { Remove-ModuleShell $Shell }
    BeforeEach { Reset-Simulator $Sim }

    It 'a 2 s retry-after shows Write-Progress with seconds remaining and a verbose line, then completes' {
        Set-SimulatorFaults $Sim @{ rateLimit = @{ kind = 'retry-after-429'; times = 1; retryAfterSeconds = 2 } }
        $Shell.Streams.ClearStreams()
        $null = $Shell.AddScript('Get-CopilotSeat -Organization octo-org -Token $tok -ApiUrl $api -Verbose')
        $seats = $Shell.Invoke()
        $Shell.Commands.Clear()

        $seats.Count | Should -Be 120
        $progress = @($Shell.Streams.Progress | Where-Object { $_.Activity -match 'rate limit' })
        @($progress | Where-Object { $_.RecordType -eq 'Processing' -and $_.SecondsRemaining -gt 0 }).Count | Should -BeGreaterThan 0
        "$($progress[-1].RecordType)" | Should -Be 'Completed'
        $verbose = @($Shell.Streams.Verbose | ForEach-Object Message)
        @($verbose | Where-Object { $_ -match '429' }).Count | Should -BeGreaterThan 0
        @($verbose | Where-Object { $_ -match '^Rate limited: .*retry after 2 s.*pause until' }).Count | Should -Be 1
        (ConvertTo-AllText -Items (@($Shell.Streams.Progress) + @($Shell.Streams.Verbose))) | Should -Not -Match ([regex]::Escape($CanaryToken))
    }
}
