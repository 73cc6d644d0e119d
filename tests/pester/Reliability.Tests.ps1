# Retries, rate-limit waits and concurrency as the cmdlets show them, driven by the simulator's fault settings
# (PUT /_simulator/faults). The retry and wait rules themselves are Core's: tests/CopilotSeats.Core.Tests
# (EngineTests, FaultMatrixTests).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession
}

AfterAll {
    Stop-TestSimulator $Sim
}

Describe 'Retries' {
    BeforeEach { Reset-Simulator $Sim }   # also clears faults and the request log

    It 'with -MaxRetries 0 a 502 is reported as CopilotSeats.Http502 (ResourceUnavailable)' {
        Set-SimulatorFaults $Sim @{ script = @(@{ method = 'GET'; pathContains = '/copilot/billing'; status = 502; times = 1 }) }
        $err = Get-ThrownError { Get-CopilotOrgDetail -Organization octo-org -MaxRetries 0 @Conn -ErrorAction Stop }
        Assert-ErrorRecord $err 'CopilotSeats.Http502' ResourceUnavailable
        @(Get-SimulatorRequests $Sim).Count | Should -Be 1
    }
}

Describe 'Rate limits' {
    BeforeEach { Reset-Simulator $Sim }

    It 'a 429 with retry-after 1 waits about a second (-MaxRateLimitWait 5 means 5 s, not ticks), then completes' {
        Set-SimulatorFaults $Sim @{ rateLimit = @{ kind = 'retry-after-429'; times = 1; retryAfterSeconds = 1 } }
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $seats = @(Get-CopilotSeat -Organization octo-org -MaxRateLimitWait 5 @Conn)
        $watch.Stop()
        $seats.Count | Should -Be 120
        @($seats | Select-Object -ExpandProperty Login | Sort-Object -Unique).Count | Should -Be 120
        $watch.Elapsed.TotalMilliseconds | Should -BeGreaterOrEqual 900
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 60
        @(Get-SimulatorRequests $Sim).status | Should -Be @(429, 200, 200)
    }

    It 'a primary limit that resets in 600 s with -MaxRateLimitWait <Wait> is a terminating CopilotSeats.RateLimited' -ForEach @(
        @{ Wait = '00:00:01' }, @{ Wait = 1 }
    ) {
        Set-SimulatorFaults $Sim @{ rateLimit = @{ kind = 'primary'; times = 5; resetInSeconds = 600 } }
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $err = Get-ThrownError { Get-CopilotSeat -Organization octo-org -MaxRateLimitWait $Wait @Conn }
        $watch.Stop()
        Assert-ErrorRecord $err 'CopilotSeats.RateLimited' LimitsExceeded
        $err.Exception.Message | Should -Match '\(1 s\)' -Because 'the number 1 means one second, not one tick'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10 -Because 'it must not wait for the reset'
        @(Get-SimulatorRequests $Sim).status | Should -Be @(403) -Because 'no request is sent while limited'
    }

    It 'a primary limit stops a change as well, before any retry' {
        Set-SimulatorFaults $Sim @{ rateLimit = @{ kind = 'primary'; times = 5; resetInSeconds = 600 } }
        $err = Get-ThrownError { Add-CopilotUser -Organization octo-org -UserName no-seat-1 -Force -MaxRateLimitWait ([TimeSpan]::FromSeconds(1)) @Conn }
        Assert-ErrorRecord $err 'CopilotSeats.RateLimited'
        @(Get-SimulatorRequests $Sim -Method POST).Count | Should -Be 1
    }
}

Describe 'Concurrency' {
    BeforeAll { Reset-Simulator $Sim }

    It 'rejects -ThrottleLimit 0 and 17 at parameter binding' {
        Clear-SimulatorLog $Sim
        (Get-ThrownError { Get-CopilotSeat -Organization octo-org -ThrottleLimit 0 @Conn }).FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
        (Get-ThrownError { Get-CopilotSeat -Organization octo-org -ThrottleLimit 17 @Conn }).FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }
}
