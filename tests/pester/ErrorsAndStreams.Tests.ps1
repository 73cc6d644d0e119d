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

    It 'a bad token (401) is a terminating CopilotSeats.Http401 with category AuthenticationError and is not retried' {
        $bad = ConvertTo-SecureString 'sim_bad_token_1' -AsPlainText -Force
        $err = $null
        $out = @(try { Get-CopilotSeat -Organization octo-org -Token $bad -ApiUrl $Sim.Url 2>&1; 'after' } catch { $err = $_ })
        $out.Count | Should -Be 0 -Because 'terminating: no error record is written and the statement after it never runs'
        Assert-ErrorRecord $err 'CopilotSeats.Http401' AuthenticationError
        @(Get-SimulatorRequests $Sim).status | Should -Be @(401)
    }

    It 'a bad token stops a lookup of several names at the first' {
        $bad = ConvertTo-SecureString 'sim_bad_token_3' -AsPlainText -Force
        (Get-ThrownError { Get-CopilotSeat -Organization octo-org -UserName octocat, mona_octo -Token $bad -ApiUrl $Sim.Url }).FullyQualifiedErrorId |
            Should -BeLike 'CopilotSeats.Http401*'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 1
    }

    It 'a read-only token removing a seat gets 403 PermissionDenied whose message names the missing scopes' {
        $ro = ConvertTo-SecureString 'sim_readonly_token_1' -AsPlainText -Force
        $out = @(try { Remove-CopilotUser -Organization octo-org -UserName user-0001 -Force -Token $ro -ApiUrl $Sim.Url -ErrorVariable ev -ErrorAction SilentlyContinue; 'after' } catch { })
        $out | Should -Be 'after' -Because 'the error is not terminating and no change is written'
        @($ev).Count | Should -Be 1
        Assert-ErrorRecord $ev[0] 'CopilotSeats.Http403' PermissionDenied 'octo-org'
        $ev[0].Exception.Message | Should -Match 'manage_billing:copilot'
        $ev[0].Exception.Message | Should -Match 'read:org' -Because 'the message says which scopes the token has'
        $ev[0].ErrorDetails.RecommendedAction | Should -Be 'Use a token with one of these scopes: manage_billing:copilot, admin:org.'
        $ev[0].Exception.Message | Should -Not -Match ([regex]::Escape($ev[0].ErrorDetails.RecommendedAction)) -Because 'the recommendation is a step to take, not the message again'
        @(Get-SimulatorRequests $Sim | ForEach-Object { "$($_.method) $($_.status)" }) | Should -Be @('DELETE 403') -Because 'a 403 that is not a rate limit is never retried'
        (Get-CopilotSeat -Organization octo-org -UserName user-0001 @Conn).PendingCancellationDate | Should -BeNullOrEmpty
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
            $line.Message | Should -Match ('\bGET\b.*' + [regex]::Escape($Sim.Url + '/orgs/octo-org/copilot/billing/seats') + '.*\b200\b.*\d+\s*ms')
        }
        foreach ($request in $logged) {
            $url = $Sim.Url + $request.path + $(if ($request.query) { '?' + ([string]$request.query).TrimStart('?') })
            @($requestLines | Where-Object { $_.Message -match ('^GET ' + [regex]::Escape($url) + ' -> 200 in \d+ ms') }).Count | Should -Be 1 -Because $url
        }
    }

    It 'a change writes one verbose line for its <Method>' -ForEach @(
        @{ Command = 'Add-CopilotUser'; Name = 'no-seat-1'; Method = 'POST'; Status = 201 }
        @{ Command = 'Remove-CopilotUser'; Name = 'user-0001'; Method = 'DELETE'; Status = 200 }
    ) {
        $out = @(& $Command -Organization octo-org -UserName $Name -Force @Conn -Verbose 4>&1)
        @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 1
        $lines = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match $VerboseRequestPattern })
        $lines.Count | Should -Be 1
        $lines[0].Message | Should -Match "\b$Method\b.*/orgs/octo-org/copilot/billing/selected_users.*\b$Status\b"
    }

    It 'without -Verbose nothing reaches the verbose stream' {
        $VerbosePreference = 'SilentlyContinue'
        $out = @(Get-CopilotOrgDetail -Organization octo-org @Conn 4>&1) + @(Get-CopilotSeat -Organization octo-org @Conn 4>&1)
        @($out | Where-Object { $_ -is [CopilotSeats.CopilotSeat] }).Count | Should -Be 120
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -Be 0
    }
}

Describe 'The token never leaks' {
    BeforeAll {
        Reset-Simulator $Sim
        Disconnect-Copilot
        # A rejected token must not show either; the transcript keeps what only the host sees (the What if: lines).
        $script:BadCanary = 'sim_bad_canary_456'
        $bad = ConvertTo-SecureString $BadCanary -AsPlainText -Force
        $script:Transcript = Join-Path $TestDrive 'transcript.txt'
        $script:Journal = Join-Path $TestDrive 'journal.jsonl'
        # A server that echoes the request's Authorization header in its error message (the simulator's scripted message).
        $echo = 'Bad credentials echo: Authorization: {authorization}'
        $null = Start-Transcript -LiteralPath $Transcript -Force
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
                try { Get-CopilotSeat -Organization octo-org -Token $bad -ApiUrl $Sim.Url -Verbose -Debug } catch { $_ }
                try { Remove-CopilotUser -Organization octo-org -UserName user-0002 -Force -Token $bad -ApiUrl $Sim.Url -Verbose -Debug } catch { $_ }
                Set-SimulatorFaults $Sim @{ script = @(@{ pathContains = 'metrics/reports'; status = 403; message = $echo }) }
                try { Get-CopilotSeat -IncludeUsage -Verbose -Debug } catch { $_ }
                Set-SimulatorFaults $Sim @{ script = @(@{ pathContains = 'selected_users'; status = 422; times = 5; message = $echo }) }
                try { Remove-CopilotUser -UserName user-0003 -Force -JournalPath $Journal -Verbose -Debug } catch { $_ }
                Set-SimulatorFaults $Sim @{ script = @(@{ pathContains = 'billing/seats'; status = 500; message = $echo }) }
                try { Get-CopilotSeat -MaxRetries 0 -Verbose -Debug } catch { $_ }
            } *>&1)
        $null = Stop-Transcript
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
        $text | Should -Match 'CopilotSeats\.Http401'
        $text | Should -Not -Match "$CanaryToken|$BadCanary"
    }

    It 'an error message that echoes the Authorization header shows it redacted, in errors, warnings and the journal' {
        $said = [regex]::Escape('echo: Authorization: Bearer [redacted]')
        @($Records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -and "$_" -match $said }).Count | Should -BeGreaterOrEqual 2
        @($Records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] -and $_.Message -match $said }).Count | Should -Be 1
        $journal = Get-Content -LiteralPath $Journal -Raw
        $journal | Should -Match $said
        $journal | Should -Not -Match $CanaryToken
    }

    It 'the canary token appears in no $Error entry' {
        $Error.Count | Should -BeGreaterThan 0
        (ConvertTo-AllText @($Error)) | Should -Not -Match "$CanaryToken|$BadCanary"
    }

    It 'the canary token appears in nothing the host showed (the transcript)' {
        $text = Get-Content -LiteralPath $Transcript -Raw
        $text | Should -Match 'What if:'
        $text | Should -Not -Match "$CanaryToken|$BadCanary"
    }

    It 'the simulator log never holds the token (only whether one was sent)' {
        $text = Get-SimulatorLogText $Sim
        $text | Should -Not -Match "$CanaryToken|$BadCanary"
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
