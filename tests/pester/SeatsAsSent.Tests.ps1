# Seats as GitHub really sends them: seats of deleted accounts ("assignee": null), plan types the module does not
# know (plan_type "unknown"), and Link headers that point at another host than the API host.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ('copilotseats-sent-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $Work

    # PATCH /_simulator/seats: edits every seat of the logins (accountDeleted lists them with "assignee": null).
    function Edit-SimulatedSeats([string[]] $Logins, [hashtable] $Edit) {
        $body = @{ logins = $Logins } + $Edit
        $null = Invoke-RestMethod -Uri "$($Sim.Url)/_simulator/seats" -Method Patch -ContentType 'application/json' -Body ($body | ConvertTo-Json)
    }
}

AfterAll {
    Stop-TestSimulator $Sim
    Remove-Item -LiteralPath $Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Seats of deleted accounts (assignee null)' {
    BeforeAll {
        Reset-Simulator $Sim
        # Each of them has a seat in octo-org, octo-lab and assign-all-org.
        Edit-SimulatedSeats 'user-0001', 'user-0002', 'user-0003' @{ accountDeleted = $true; planType = 'unknown' }
        $script:Seats = @(Get-CopilotSeat -Organization octo-org -PageSize 7 @Conn)
    }
    BeforeEach { Clear-SimulatorLog $Sim }

    It 'Get-CopilotSeat lists every seat, those of deleted accounts with an empty Login and the plan type as text' {
        $Seats.Count | Should -Be 120
        $gone = @($Seats | Where-Object { $_.Login -eq '' })
        $gone.Count | Should -Be 3
        $gone | ForEach-Object {
            $_.Organization | Should -Be 'octo-org'
            $_.UserId | Should -BeNullOrEmpty
            $_.PlanType | Should -Be 'unknown'
        }
        $Seats.Login | Should -Not -Contain 'user-0001'
        $rows = @(Get-CopilotSeat -Enterprise octo-ent @Conn)
        $raw = @(Get-RawRows '/enterprises/octo-ent')
        $rows.Count | Should -Be $raw.Count
        @($rows | Where-Object { $_.Login -eq '' }).Count | Should -Be 9   # the three users' seats in octo-org, octo-lab and assign-all-org
        @($raw | Where-Object { $null -eq $_.assignee }).Count | Should -Be 9
    }

    It 'piped into <Command>: one CopilotSeats.NoAssignee error per seat, and the other seats go' -ForEach @(
        @{ Command = 'Remove-CopilotUser'; Method = 'DELETE' }, @{ Command = 'Add-CopilotUser'; Method = 'POST' }) {
        $out = @($Seats | Where-Object { $_.Login -in '', 'user-0005' } | & $Command -Force @Conn -ErrorVariable ev -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 1
        @($ev).Count | Should -Be 3
        foreach ($e in $ev) {
            Assert-ErrorRecord $e 'CopilotSeats.NoAssignee' 'InvalidData' 'octo-org'
            $e.Exception | Should -Not -BeOfType ([System.Management.Automation.ParameterBindingException])
            $e.ErrorDetails.RecommendedAction | Should -Match 'Where-Object Login'
            "$e" | Should -Match 'deleted account'
        }
        Assert-OneSeatRequest $Sim $Method -Field selected_usernames -Names 'user-0005'
    }

    It 'a user typing -UserName '''' still gets a parameter binding error, and nothing is sent' {
        $err = Get-ThrownError { Remove-CopilotUser -Organization octo-org -UserName '' -Force @Conn }
        $err.Exception | Should -BeOfType ([System.Management.Automation.ParameterBindingException])
        "$err" | Should -Match "parameter 'UserName'.*must not be empty"
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }
}

Describe 'Plan types the module does not know (plan_type unknown)' {
    BeforeAll {
        Reset-Simulator $Sim
        Edit-SimulatedSeats 'user-0001', 'user-0002', 'user-0003' @{ planType = 'unknown' }
    }

    It 'Measure-CopilotSeat prices them at 0 with one warning' {
        $summary = Measure-CopilotSeat -Organization octo-org @Conn -WarningVariable warnings -WarningAction SilentlyContinue
        $summary.Users | Should -Be 120
        $summary.MonthlyCost | Should -Be (117 * 19)
        @($warnings).Count | Should -Be 1
        "$warnings" | Should -Match '3 seat\(s\) have a plan type that -Price does not list \(unknown\)'
    }

    It 'Export-CopilotSeatReport warns once too' {
        $null = Export-CopilotSeatReport -Organization octo-org -Path (Join-Path $Work 'unknown.html') @Conn -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings).Count | Should -Be 1
        "$warnings" | Should -Match 'unknown'
    }
}

Describe 'Link headers on another host' {
    BeforeEach { Reset-Simulator $Sim }

    It 'a listing whose Link header points at api.github.com is read from the API host, with one verbose line' {
        Set-SimulatorFaults $Sim @{ linkOrigin = 'https://api.github.com' }
        $all = @(Get-CopilotSeat -Organization octo-org -PageSize 25 @Conn -Verbose -ErrorVariable ev 4>&1)
        @($ev).Count | Should -Be 0
        @($all | Where-Object { $_ -is [CopilotSeats.CopilotSeat] }).Count | Should -Be 120
        $lines = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and "$_" -match 'Link header' })
        $lines.Count | Should -Be 1
        "$($lines[0])" | Should -Match ([regex]::Escape($Sim.Url))
        $pages = @(Get-SimulatorRequests $Sim -Method GET | Where-Object path -eq '/orgs/octo-org/copilot/billing/seats')
        $pages.Count | Should -Be 5
        ConvertTo-AllText $all | Should -Not -Match $CanaryToken
    }
}
