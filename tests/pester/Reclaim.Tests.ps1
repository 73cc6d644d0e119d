# Reclaiming seats: Get-CopilotSeat -InactiveDays | Remove-CopilotUser, a CSV of plain logins mixed with
# team-granted and seatless ones (GitHub's 422 narrowed to the names it refuses), and -Exclude.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession

    # The seed data decides which seats are inactive: use the default seed, else the first seed whose
    # inactive seats include team-granted ones and a few direct ones. Returns the inactive seats.
    function script:Reset-WithInactiveTeamSeats {
        foreach ($seed in @($null) + (1..40)) {
            if ($null -eq $seed) { Reset-Simulator $Sim } else { Reset-Simulator $Sim @{ seed = $seed } }
            $inactive = @(Get-CopilotSeat -Organization octo-org -InactiveDays 30 @Conn)
            $team = @($inactive | Where-Object { $_.AssigningTeam -and -not $_.PendingCancellationDate })
            $direct = @($inactive | Where-Object { -not $_.AssigningTeam -and -not $_.PendingCancellationDate })
            if ($team.Count -ge 1 -and $direct.Count -ge 3) { return $inactive }
        }
        throw 'No seed gives inactive team-granted seats.'
    }

    # The logins of every DELETE selected_users in the log (the simulator's, unless given), in order.
    function script:Get-CancelledNames($Log = @(Get-SimulatorRequests $Sim)) {
        @($Log | Where-Object { $_.method -eq 'DELETE' } | ForEach-Object { @((Get-RequestBody $_).selected_usernames) })
    }

    # The logins looked up through GET .../members/{username}/copilot.
    function script:Get-LookedUp($Log = @(Get-SimulatorRequests $Sim)) {
        @($Log | Where-Object { $_.method -eq 'GET' -and $_.path -like '*/members/*/copilot' } | ForEach-Object { ($_.path -split '/')[-2] })
    }

    function script:Get-Seat([string] $Login) { Get-CopilotSeat -Organization octo-org -UserName $Login @Conn -ErrorAction SilentlyContinue }
}

AfterAll {
    Disconnect-Copilot
    Stop-TestSimulator $Sim
}

Describe 'Get-CopilotSeat -InactiveDays 30 | Remove-CopilotUser -Force' {
    BeforeAll {
        $inactive = Reset-WithInactiveTeamSeats
        # One inactive direct seat is already pending cancellation before the run.
        $script:Pending = @($inactive | Where-Object { -not $_.AssigningTeam -and -not $_.PendingCancellationDate })[0].Login
        $null = Remove-CopilotUser -Organization octo-org -UserName $Pending -Force @Conn
        $script:Direct = @($inactive | Where-Object { -not $_.AssigningTeam -and -not $_.PendingCancellationDate -and $_.Login -ne $Pending } | ForEach-Object { $_.Login })
        $script:Team = @($inactive | Where-Object { $_.AssigningTeam -and -not $_.PendingCancellationDate } | ForEach-Object { $_.Login })

        $null = Connect-Copilot -ApiUrl $Sim.Url -Token $Token -Organization octo-org
        Clear-SimulatorLog $Sim
        $out = @(Get-CopilotSeat -InactiveDays 30 | Remove-CopilotUser -Force -ErrorVariable ev -ErrorAction SilentlyContinue -Verbose 4>&1)
        Disconnect-Copilot
        $script:Log = @(Get-SimulatorRequests $Sim)
        $script:Errors = @($ev)
        $script:Changes = @($out | Where-Object { $_ -is [CopilotSeats.CopilotSeatChange] })
        $script:VerboseLines = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })
    }

    It 'cancels every direct inactive seat and SeatsChanged adds up to them' {
        foreach ($login in $Direct) { (Get-Seat $login).PendingCancellationDate | Should -Not -BeNullOrEmpty -Because "$login is a direct inactive seat" }
        ($Changes | Measure-Object SeatsChanged -Sum).Sum | Should -Be $Direct.Count
    }

    It 'sends exactly the direct seats: no team-granted and no pending one, and looks nobody up' {
        $sent = @(Get-CancelledNames $Log)
        (@($sent | Sort-Object) -join ',') | Should -Be (@($Direct | Sort-Object) -join ',')
        foreach ($login in @($Team) + $Pending) { $sent | Should -Not -Contain $login }
        @(Get-LookedUp $Log).Count | Should -Be 0
    }

    It 'writes one CopilotSeats.TeamAssigned error per team-granted seat, with the Remove-CopilotTeam command' {
        $Errors.Count | Should -Be $Team.Count
        (@($Errors | ForEach-Object { [string]$_.TargetObject } | Sort-Object) -join ',') | Should -Be (@($Team | Sort-Object) -join ',')
        foreach ($e in $Errors) {
            Assert-ErrorRecord $e 'CopilotSeats.TeamAssigned' InvalidOperation
            $e.ErrorDetails.RecommendedAction | Should -Be 'Remove-CopilotTeam -Organization octo-org -TeamName team-1'
            $e.ToString() | Should -Match "'team-1'"
        }
        foreach ($login in $Team) { (Get-Seat $login).PendingCancellationDate | Should -BeNullOrEmpty }
    }

    It 'skips the seat already pending cancellation with one verbose line and no error' {
        @($VerboseLines | Where-Object { $_ -match "'$Pending'" -and $_ -match 'pending cancellation' }).Count | Should -Be 1
        @($Errors | Where-Object { [string]$_.TargetObject -eq $Pending }).Count | Should -Be 0
    }

    It 'says the pending date as yyyy-MM-dd under de-DE, for a piped seat and for its CSV row, as the lookup path does' {
        $before = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            $seat = Get-CopilotSeat -Organization octo-org -UserName $Pending @Conn
            $day = $seat.PendingCancellationDate.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture)
            $csv = Join-Path $TestDrive 'pending.csv'
            $seat | Export-Csv -LiteralPath $csv -NoTypeInformation
            Clear-SimulatorLog $Sim
            $lines = @(@($seat) + @(Import-Csv -LiteralPath $csv) | ForEach-Object {
                    $_ | Remove-CopilotUser -Organization octo-org -Force @Conn -Verbose 4>&1 |
                        Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'pending cancellation' } })
        }
        finally { [cultureinfo]::CurrentCulture = $before }
        $lines.Count | Should -Be 2
        foreach ($line in $lines) { $line.Message | Should -BeExactly "Skipped '$Pending' in the organization octo-org: the seat is already pending cancellation ($day). No request is sent for it." }
        @(Get-SimulatorRequests $Sim -Method DELETE).Count | Should -Be 0
    }
}

Describe 'A CSV of plain logins mixed with team-granted and seatless names' {
    BeforeAll {
        Reset-Simulator $Sim
        $script:Cancellable = 'user-0001', 'user-0002', 'user-0003'
        $script:TeamNames = 'team1-member-1', 'team1-member-2'
        $script:Seatless = 'no-seat-4', 'no-seat-5'
        $csv = Join-Path $TestDrive 'logins.csv'
        'user-0001', 'team1-member-1', 'user-0002', 'no-seat-4', 'user-0003', 'team1-member-2', 'no-seat-5' |
            ForEach-Object { [pscustomobject]@{ Login = $_ } } | Export-Csv -LiteralPath $csv -NoTypeInformation
        Clear-SimulatorLog $Sim
        $script:Changes = @(Import-Csv -LiteralPath $csv | Remove-CopilotUser -Organization octo-org -Force @Conn -ErrorVariable ev -ErrorAction SilentlyContinue)
        $script:Errors = @($ev)
        $script:Log = @(Get-SimulatorRequests $Sim)
    }

    It 'cancels every cancellable name, and SeatsChanged adds up to what GitHub reported' {
        foreach ($login in $Cancellable) { (Get-Seat $login).PendingCancellationDate | Should -Not -BeNullOrEmpty }
        ($Changes | Measure-Object SeatsChanged -Sum).Sum | Should -Be 3
    }

    It 'the refused request is narrowed: every name looked up once, the rest sent once more' {
        $deletes = @($Log | Where-Object { $_.method -eq 'DELETE' })
        $deletes.Count | Should -Be 2
        @((Get-RequestBody $deletes[0]).selected_usernames).Count | Should -Be 7
        (@((Get-RequestBody $deletes[1]).selected_usernames) -join ',') | Should -Be ($Cancellable -join ',')
        (@(Get-LookedUp $Log | Sort-Object) -join ',') | Should -Be (@($Cancellable + $TeamNames + $Seatless | Sort-Object) -join ',')
    }

    It 'every other name gets exactly one error: TeamAssigned or NoSeat' {
        $Errors.Count | Should -Be 4
        foreach ($login in $TeamNames) {
            $e = @($Errors | Where-Object { [string]$_.TargetObject -eq $login })
            $e.Count | Should -Be 1
            $e[0].FullyQualifiedErrorId | Should -BeLike 'CopilotSeats.TeamAssigned*'
            $e[0].ErrorDetails.RecommendedAction | Should -Be 'Remove-CopilotTeam -Organization octo-org -TeamName team-1'
            (Get-Seat $login).PendingCancellationDate | Should -BeNullOrEmpty
        }
        foreach ($login in $Seatless) {
            $e = @($Errors | Where-Object { [string]$_.TargetObject -eq $login })
            $e.Count | Should -Be 1
            Assert-ErrorRecord $e[0] 'CopilotSeats.NoSeat' ObjectNotFound
        }
    }
}

Describe 'Plain logins mixed with seatless names only' {
    BeforeAll {
        Reset-Simulator $Sim
        $script:Changes = @(Remove-CopilotUser -Organization octo-org -UserName user-0004, no-seat-6, user-0005 -Force @Conn -ErrorVariable ev -ErrorAction SilentlyContinue)
        $script:Errors = @($ev)
    }

    It 'cancels the seated names and reports the seatless one once as NoSeat' {
        foreach ($login in 'user-0004', 'user-0005') { (Get-Seat $login).PendingCancellationDate | Should -Not -BeNullOrEmpty }
        ($Changes | Measure-Object SeatsChanged -Sum).Sum | Should -Be 2
        $Errors.Count | Should -Be 1
        Assert-ErrorRecord $Errors[0] 'CopilotSeats.NoSeat' ObjectNotFound 'no-seat-6'
    }
}

Describe 'A name with a pending organization invitation among seated names' {
    It 'the invitee gets GitHub''s 422 from the member lookup, as Get-CopilotSeat -UserName gives it; the others are cancelled, nothing is listed' {
        Reset-Simulator $Sim
        $changes = @(Remove-CopilotUser -Organization octo-org -UserName pending-invite, user-0006, user-0007 -Force @Conn -ErrorVariable ev -ErrorAction SilentlyContinue)
        $log = @(Get-SimulatorRequests $Sim)
        ($changes | Measure-Object SeatsChanged -Sum).Sum | Should -Be 2
        @($ev).Count | Should -Be 1
        Assert-ErrorRecord $ev[0] 'CopilotSeats.Http422' -Target 'pending-invite'
        $ev[0].ToString() | Should -Match 'User has a pending organization invitation'
        $direct = Get-ThrownError { Get-CopilotSeat -Organization octo-org -UserName pending-invite @Conn -ErrorAction Stop }
        $direct.ErrorDetails.RecommendedAction | Should -Match 'accept the invitation'
        $ev[0].ErrorDetails.RecommendedAction | Should -Be $direct.ErrorDetails.RecommendedAction
        @($log | Where-Object { $_.path -like '*/copilot/billing/seats' }).Count | Should -Be 0
    }
}

Describe '-Exclude' {
    BeforeEach { Reset-Simulator $Sim }

    It 'Get-CopilotSeat -Exclude leaves out the logins matching any pattern, case-insensitively' {
        $all = @(Get-CopilotSeat -Organization octo-org @Conn)
        $kept = @(Get-CopilotSeat -Organization octo-org -Exclude 'USER-00[0-4]?', 'octo?at' @Conn)
        $expected = @($all | Where-Object { $_.Login -notlike 'user-00[0-4]?' -and $_.Login -ne 'octocat' })
        $kept.Count | Should -Be $expected.Count
        $kept.Count | Should -BeLessThan $all.Count
        $kept.Login | Should -Not -Contain 'octocat'
        $kept.Login | Should -Not -Contain 'user-0042'
        $kept.Login | Should -Contain 'user-0050'
        Clear-SimulatorLog $Sim
        @(Get-CopilotSeat -Organization octo-org -UserName octocat, mona_octo -Exclude 'octo*' @Conn).Login | Should -Be 'mona_octo'
        (@(Get-LookedUp) -join ',') | Should -Be 'mona_octo'   # an excluded login is not even looked up
    }

    It 'Remove-CopilotUser never sends an excluded name, from strings, piped seats or CSV rows; one warning each' {
        $out = @('user-0001', 'OctoCat', 'user-0002' | Remove-CopilotUser -Organization octo-org -Exclude 'octo*', 'user-0002' -Force @Conn -WarningVariable wv -WarningAction SilentlyContinue)
        (@(Get-CancelledNames) -join ',') | Should -Be 'user-0001'
        $out.Count | Should -Be 1
        @($wv).Count | Should -Be 2
        @($wv | Where-Object { $_.Message -match "'OctoCat'" -and $_.Message -match "'octo\*'" }).Count | Should -Be 1

        Clear-SimulatorLog $Sim
        $seats = @(Get-CopilotSeat -Organization octo-org -UserName user-0003, user-0004 @Conn)
        $null = $seats | Remove-CopilotUser -Exclude 'user-0004' -Force @Conn -WarningVariable wv2 -WarningAction SilentlyContinue
        $csv = Join-Path $TestDrive 'rows.csv'
        $seats | Export-Csv -LiteralPath $csv -NoTypeInformation
        $null = Import-Csv -LiteralPath $csv | Select-Object Login, Organization, AssigningTeam | Remove-CopilotUser -Exclude 'user-0004' -Force @Conn -WarningVariable wv3 -WarningAction SilentlyContinue
        Get-CancelledNames | Should -Not -Contain 'user-0004'
        @($wv2).Count + @($wv3).Count | Should -Be 2
        (Get-Seat user-0004).PendingCancellationDate | Should -BeNullOrEmpty
        (Get-Seat user-0003).PendingCancellationDate | Should -Not -BeNullOrEmpty
    }

    It 'an invalid pattern stops the command before any request' {
        $e = Get-ThrownError { Remove-CopilotUser -Organization octo-org -UserName user-0001 -Exclude 'user-[0' -Force @Conn }
        $e.FullyQualifiedErrorId | Should -BeLike 'CopilotSeats.InvalidPattern,*'
        $e.TargetObject | Should -Be 'user-[0'
        (Get-ThrownError { Get-CopilotSeat -Organization octo-org -Exclude '[' @Conn }).FullyQualifiedErrorId | Should -BeLike 'CopilotSeats.InvalidPattern,*'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }
}
