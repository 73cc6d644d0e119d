# A server that echoes the request's Authorization header in its error message (the simulator's scripted fault
# "message" with {authorization}): the token and the App's JWT reach neither $Error, a warning nor the change journal.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'AppHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession
    $script:Echo = 'Bad credentials echo: Authorization: {authorization}'

    # Every error of the session as Format-List * -Force shows it, with each exception of its chain.
    function Get-ErrorText {
        foreach ($record in $global:Error) {
            $record | Format-List * -Force | Out-String -Width 4096
            for ($e = $record.Exception; $e; $e = $e.InnerException) { $e | Format-List * -Force | Out-String -Width 4096 }
        }
    }
}

AfterAll {
    Disconnect-Copilot
    Stop-TestSimulator $Sim
}

Describe 'An error body that echoes the credential' {
    BeforeEach {
        Reset-Simulator $Sim
        $global:Error.Clear()
        $script:J = Join-Path $TestDrive "$([guid]::NewGuid()).jsonl"
    }

    It '<Name> (<Status>) shows no token' -ForEach @(
        @{ Name = 'Get-CopilotSeat'; Status = 401; Path = 'billing/seats'; Run = { Get-CopilotSeat -Organization octo-org @Conn } }
        @{ Name = 'Get-CopilotSeat -IncludeUsage, a warning'; Status = 403; Path = 'metrics/reports'; Run = { Get-CopilotSeat -Organization octo-org -IncludeUsage @Conn } }
        @{ Name = 'Remove-CopilotUser, the journal'; Status = 422; Path = 'selected_users'; Run = { Remove-CopilotUser -Organization octo-org -UserName user-0001 -Force -JournalPath $J @Conn } }
    ) {
        Set-SimulatorFaults $Sim @{ script = @(@{ pathContains = $Path; status = $Status; times = 10; message = $Echo }) }
        try { $streams = & $Run 2>&1 3>&1 } catch { $streams = @($_) }
        $journal = if (Test-Path $J) { Get-Content -LiteralPath $J -Raw } else { '' }
        $text = (Get-ErrorText | Out-String) + (ConvertTo-AllText $streams) + $journal
        $text | Should -Match ([regex]::Escape('echo: Authorization: Bearer [redacted]')) -Because 'the simulator echoed the header'
        $text | Should -Not -Match $CanaryToken
    }

    It 'Connect-Copilot as a GitHub App shows neither the JWT nor a token when GitHub refuses <Path>' -ForEach @(
        @{ Path = '/installation' }
        @{ Path = '/access_tokens' }
    ) {
        $key = New-TestAppKey
        $keyFile = Join-Path $TestDrive 'app.pem'
        Set-Content -LiteralPath $keyFile -Value $key.Pkcs1 -NoNewline
        $null = Register-SimulatorApp $Sim -ClientId 'Iv23liEcho' -PublicKey $key.PublicKey
        Set-SimulatorFaults $Sim @{ script = @(@{ pathContains = $Path; status = 401; times = 1; message = $Echo }) }
        $err = Get-ThrownError { Connect-Copilot -ApiUrl $Sim.Url -ClientId 'Iv23liEcho' -PrivateKeyPath $keyFile -Organization octo-org }
        Assert-ErrorRecord $err 'CopilotSeats.AppAuthFailed' AuthenticationError
        $text = (Get-ErrorText | Out-String) + (ConvertTo-AllText $err)
        $text | Should -Match ([regex]::Escape('echo: Authorization: Bearer [redacted]'))
        $text | Should -Not -Match 'eyJ|ghs_|BEGIN'
    }
}
