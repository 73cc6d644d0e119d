# GitHub's error answers as ErrorRecords, -Verbose request lines, and token hygiene across every stream.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession
    $script:VerboseRequestPattern = '\b(GET|POST|DELETE)\b.*https?://\S+.*\b\d{3}\b.*\b\d+\s*ms\b'
}

AfterAll {
    Disconnect-Copilot
    Stop-TestSimulator $Sim
}

Describe 'HTTP error answers' {
    BeforeEach { Reset-Simulator $Sim }

    It 'a bad token (401) is CopilotSeats.Http401 with category AuthenticationError and is not retried' {
        $bad = ConvertTo-SecureString 'sim_bad_token_1' -AsPlainText -Force
        $err = Get-ThrownError { Get-CopilotSeat -Organization octo-org -Token $bad -ApiUrl $Sim.Url -ErrorAction Stop }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'CopilotSeats.Http401*'
        "$($err.CategoryInfo.Category)" | Should -Be 'AuthenticationError'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 1
    }

    It 'a read-only token can list seats' {
        $ro = ConvertTo-SecureString 'sim_readonly_token_1' -AsPlainText -Force
        @(Get-CopilotSeat -Organization octo-org -Token $ro -ApiUrl $Sim.Url).Count | Should -Be 120
    }

    It 'a read-only token removing a seat gets 403 PermissionDenied whose message names the missing scopes' {
        $ro = ConvertTo-SecureString 'sim_readonly_token_1' -AsPlainText -Force
        $out = @(Remove-CopilotUser -Organization octo-org -UserName user-0001 -Force -Token $ro -ApiUrl $Sim.Url -ErrorVariable ev -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'CopilotSeats.Http403*'
        "$($ev[0].CategoryInfo.Category)" | Should -Be 'PermissionDenied'
        $ev[0].TargetObject | Should -Be 'octo-org'
        $ev[0].Exception.Message | Should -Match 'manage_billing:copilot'
        $ev[0].Exception.Message | Should -Match 'read:org' -Because 'the message says which scopes the token has'
        $ev[0].ErrorDetails.RecommendedAction | Should -Be 'Use a token with one of these scopes: manage_billing:copilot, admin:org.'
        $ev[0].Exception.Message | Should -Not -Match ([regex]::Escape($ev[0].ErrorDetails.RecommendedAction)) -Because 'the recommendation is a step to take, not the message again'
        @(Get-SimulatorRequests $Sim -Method DELETE).Count | Should -Be 1 -Because 'a 403 that is not a rate limit is never retried'
        (Get-CopilotSeat -Organization octo-org -UserName user-0001 @Conn).PendingCancellationDate | Should -BeNullOrEmpty
    }

    It 'an error record carries a recommended action' {
        $bad = ConvertTo-SecureString 'sim_bad_token_2' -AsPlainText -Force
        $err = Get-ThrownError { Get-CopilotOrgDetail -Organization octo-org -Token $bad -ApiUrl $Sim.Url -ErrorAction Stop }
        $err.ErrorDetails | Should -Not -BeNullOrEmpty
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }
}

Describe 'Verbose output' {
    BeforeEach { Reset-Simulator $Sim }

    It '-Verbose writes one line per request with method, URL, status and milliseconds' {
        $out = @(Get-CopilotSeat -Organization octo-org -PageSize 50 @Conn -Verbose 4>&1)
        $seats = @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $seats.Count | Should -Be 120
        $requestLines = @($verbose | Where-Object { $_.Message -match $VerboseRequestPattern })
        $logged = @(Get-SimulatorRequests $Sim)
        $logged.Count | Should -Be 3
        $requestLines.Count | Should -Be $logged.Count
        foreach ($line in $requestLines) {
            $line.Message | Should -Match '\bGET\b'
            $line.Message | Should -Match ([regex]::Escape($Sim.Url + '/orgs/octo-org/copilot/billing/seats'))
            $line.Message | Should -Match '\b200\b'
            $line.Message | Should -Match '\d+\s*ms'
        }
    }

    It 'a change writes one verbose line for its POST' {
        $out = @(Add-CopilotUser -Organization octo-org -UserName no-seat-1 -Force @Conn -Verbose 4>&1)
        $lines = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match $VerboseRequestPattern })
        $lines.Count | Should -Be 1
        $lines[0].Message | Should -Match '\bPOST\b'
        $lines[0].Message | Should -Match '/orgs/octo-org/copilot/billing/selected_users'
        $lines[0].Message | Should -Match '\b201\b'
    }

    It 'without -Verbose nothing reaches the verbose stream' {
        $VerbosePreference = 'SilentlyContinue'
        $out = @(Get-CopilotOrgDetail -Organization octo-org @Conn 4>&1)
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -Be 0
    }
}

Describe 'The token never leaks' {
    BeforeAll {
        Reset-Simulator $Sim
        Disconnect-Copilot
        $script:Records = @(& {
                try { Connect-Copilot -ApiUrl $Sim.Url -Token $Token -Organization octo-org -Verbose -Debug } catch { $_ }
                try { Get-CopilotOrgDetail -Verbose -Debug } catch { $_ }
                try { Get-CopilotSeat -PageSize 60 -Verbose -Debug } catch { $_ }
                try { Get-CopilotSeat -UserName octocat, nobody-here -Verbose -Debug } catch { $_ }
                try { Add-CopilotUser -UserName no-seat-1 -Force -Verbose -Debug } catch { $_ }
                try { Remove-CopilotUser -UserName user-0001 -WhatIf -Verbose -Debug } catch { $_ }
                try { Remove-CopilotUser -UserName team1-member-1 -Force -Verbose -Debug } catch { $_ }
                try { Get-CopilotSeat -Organization no-such-org -Verbose -Debug } catch { $_ }
                try { Get-CopilotSeat -Enterprise octo-ent -PageSize 100 -Verbose -Debug | Select-Object -First 2 } catch { $_ }
                try { Get-CopilotSeat -Organization octo-org -Token $Token -ApiUrl $Sim.Url -MaxRetries 0 -Verbose -Debug -ErrorAction Stop } catch { $_ }
            } *>&1)
        Disconnect-Copilot
    }

    It 'the capture saw output, verbose lines and errors (sanity check)' {
        @($Records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        @($Records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -BeGreaterOrEqual 2
        @($Records | Where-Object { $null -ne $_ -and $_.GetType().FullName -eq 'CopilotSeats.CopilotSeat' }).Count | Should -BeGreaterThan 120
    }

    It 'the canary token appears in no output, verbose, debug, warning, error or information record' {
        $text = ConvertTo-AllText $Records
        $text.Length | Should -BeGreaterThan 1000
        $text | Should -Not -Match $CanaryToken
    }

    It 'the canary token appears in no $Error entry' {
        $Error.Count | Should -BeGreaterThan 0
        (ConvertTo-AllText @($Error)) | Should -Not -Match $CanaryToken
    }

    It 'the simulator log never holds the token (only whether one was sent)' {
        $text = Get-SimulatorLogText $Sim
        $text | Should -Not -Match $CanaryToken
        $logged = @(Get-SimulatorRequests $Sim)
        $logged.Count | Should -BeGreaterThan 5
        @($logged | Where-Object { -not $_.hadAuthorization }).Count | Should -Be 0
    }

    It 'the Connect-Copilot output and ToString of every object show no token' {
        $c = Connect-Copilot -ApiUrl $Sim.Url -Token $Token
        try {
            ($c.ToString() + ($c | Format-List * | Out-String)) | Should -Not -Match $CanaryToken
        }
        finally { Disconnect-Copilot }
    }
}
