# Write-Progress: a listing of more than one page shows seats so far of total_seats, the percent and
# the target; batched changes show batch k of n; every bar is completed when the command ends; none
# is written for a one-page listing, and $ProgressPreference is honoured. (How often a fast listing may redraw its
# bar is Core's ProgressGate: tests/CopilotSeats.Core.Tests/ProgressTests.cs.)

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession
    $script:Shell = New-ModuleShell
}

AfterAll {
    Remove-ModuleShell $Shell
    Stop-TestSimulator $Sim
}

Describe 'Listing progress' {
    BeforeEach { Reset-Simulator $Sim }

    It 'a 120-seat listing in pages of 25 reports seats so far of 120, the percent and the target, then completes' {
        # Pages 250 ms apart: each is shown (the bar is redrawn at most every 200 ms).
        Set-SimulatorFaults $Sim @{ latencyMs = 250 }
        $seats = Invoke-InShell 'Get-CopilotSeat -Organization octo-org -PageSize 25 -ThrottleLimit 1 -Token $tok -ApiUrl $api'
        Set-SimulatorFaults $Sim @{}
        $seats.Count | Should -Be 120
        $bars = @($Shell.Streams.Progress | Where-Object { $_.Activity -match 'Listing' })
        $running = @($bars | Where-Object { "$($_.RecordType)" -eq 'Processing' })
        $running.Count | Should -Be 5
        $running[0].Activity | Should -Match "organization octo-org"
        @($running | ForEach-Object StatusDescription) | Should -Be @('25 of 120 seats', '50 of 120 seats', '75 of 120 seats', '100 of 120 seats', '120 of 120 seats')
        @($running | ForEach-Object PercentComplete) | Should -Be @(20, 41, 62, 83, 100)
        "$($bars[-1].RecordType)" | Should -Be 'Completed'
    }

    It 'a one-page listing writes no progress' {
        $seats = Invoke-InShell 'Get-CopilotSeat -Organization octo-lab -Token $tok -ApiUrl $api'
        $seats.Count | Should -Be 30
        @($Shell.Streams.Progress | Where-Object { $_.Activity -match 'Listing' }).Count | Should -Be 0
    }

    It 'Measure-CopilotSeat shows the progress of its own listing' {
        $null = Invoke-InShell 'Measure-CopilotSeat -Organization octo-org -PageSize 50 -Token $tok -ApiUrl $api'
        $bars = @($Shell.Streams.Progress | Where-Object { $_.Activity -match 'Listing' })
        @($bars | Where-Object { "$($_.RecordType)" -eq 'Processing' }).Count | Should -BeIn 2, 3
        "$($bars[-1].RecordType)" | Should -Be 'Completed'
    }

    It 'follows $ProgressPreference: SilentlyContinue writes none' {
        $seats = Invoke-InShell '$ProgressPreference = "SilentlyContinue"; Get-CopilotSeat -Organization octo-org -PageSize 25 -Token $tok -ApiUrl $api'
        $seats.Count | Should -Be 120
        @($Shell.Streams.Progress).Count | Should -Be 0
        $null = Invoke-InShell '$ProgressPreference = "Continue"'
    }
}

Describe 'Batch progress' {
    BeforeEach { Reset-Simulator $Sim }

    It 'cancelling 110 users in two batches reports batch 1 of 2 and 2 of 2, then completes' {
        $names = 1..110 | ForEach-Object { 'user-{0:0000}' -f $_ }
        $null = Invoke-InShell ("Remove-CopilotUser -Organization octo-org -UserName {0} -Force -Token `$tok -ApiUrl `$api" -f (($names | ForEach-Object { "'$_'" }) -join ','))
        $bars = @($Shell.Streams.Progress | Where-Object { $_.Activity -eq 'Cancelling Copilot seats' })
        @($bars | Where-Object { "$($_.RecordType)" -eq 'Processing' } | ForEach-Object StatusDescription) | Should -Be @('Batch 1 of 2', 'Batch 2 of 2')
        "$($bars[-1].RecordType)" | Should -Be 'Completed'
    }

    It 'a single batch writes no batch progress' {
        $null = Invoke-InShell 'Remove-CopilotUser -Organization octo-org -UserName user-0001, user-0002 -Force -Token $tok -ApiUrl $api'
        @($Shell.Streams.Progress | Where-Object { $_.Activity -eq 'Cancelling Copilot seats' }).Count | Should -Be 0
    }
}

Describe 'Progress when a listing fails' {
    BeforeEach { Reset-Simulator $Sim }

    It 'a listing whose third page fails completes its bar and reports the error' {
        Set-SimulatorFaults $Sim @{ script = @(@{ method = 'GET'; pathContains = '/copilot/billing/seats'; queryContains = 'page=3'; status = 404; times = 10 }) }
        $seats = Invoke-InShell 'Get-CopilotSeat -Organization octo-org -PageSize 25 -ThrottleLimit 1 -Token $tok -ApiUrl $api'
        @($seats).Count | Should -Be 50
        @($Shell.Streams.Error).Count | Should -Be 1
        $Shell.Streams.Error[0].FullyQualifiedErrorId | Should -Match '^CopilotSeats\.Http404'
        $bars = @($Shell.Streams.Progress | Where-Object { $_.Activity -match 'Listing' })
        @($bars | Where-Object { "$($_.RecordType)" -eq 'Processing' }).Count | Should -BeGreaterThan 0
        "$($bars[-1].RecordType)" | Should -Be 'Completed'
    }
}

Describe 'Progress when a listing is stopped' {
    BeforeEach { Reset-Simulator $Sim }

    # PowerShell refuses every write once a pipeline is stopping (a Completed record included; the
    # host clears the bars when the pipeline ends), so what the module owes is to stop promptly and
    # write nothing more.
    It 'Ctrl+C (Stop) during a multi-page listing stops promptly and writes no further progress' {
        Set-SimulatorFaults $Sim @{ latencyMs = 400 }
        $Shell.Streams.ClearStreams()
        $null = $Shell.AddScript('Get-CopilotSeat -Organization octo-org -PageSize 10 -ThrottleLimit 1 -Token $tok -ApiUrl $api')
        try {
            $async = $Shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while (-not @($Shell.Streams.Progress | Where-Object { "$($_.RecordType)" -eq 'Processing' }).Count -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $seen = @($Shell.Streams.Progress).Count
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $Shell.Stop()
            try { $null = $Shell.EndInvoke($async) } catch { }
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
        }
        finally { $Shell.Commands.Clear() }
        $seen | Should -BeGreaterThan 0
        Start-Sleep -Milliseconds 900
        @($Shell.Streams.Progress).Count | Should -BeLessOrEqual ($seen + 1)
        @($Shell.Streams.Progress | Where-Object { $_.StatusDescription -eq '120 of 120 seats' }).Count | Should -Be 0
    }
}
