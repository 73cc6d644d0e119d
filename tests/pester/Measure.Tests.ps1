# Measure-CopilotSeat against the simulator: every figure is recomputed here, independently, from the
# seat listing as the simulator serves it (raw JSON, paged by hand), with the rules the help states.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession

    function Get-GroupName($Row, [string] $GroupBy) {
        switch ($GroupBy) {
            'Team' { if ($Row.assigning_team) { $Row.assigning_team.slug } else { '(direct)' } }
            'Editor' { if ($Row.last_activity_editor) { ($Row.last_activity_editor -split '/')[0] } else { '(none)' } }
            'Organization' { if ($Row.organization) { $Row.organization.login } else { '(none)' } }
            'PlanType' { if ($Row.plan_type) { $Row.plan_type } else { '(none)' } }
        }
    }

    # The summary of some rows: rows for Seats/Direct/ViaTeam, unique logins for the rest; a user is active
    # when any seat's whole days since last activity (else creation) is below $InactiveDays; each user costs
    # the price of their highest-priced plan; pending users are those whose every seat is pending.
    function Get-ExpectedSummary($Rows, [string] $Name, [int] $InactiveDays = 30, [hashtable] $Price = @{ business = 19; enterprise = 39 }) {
        $now = [DateTimeOffset]::UtcNow
        $users = @($Rows | Group-Object { $_.assignee.login.ToLowerInvariant() })
        $e = [ordered]@{ Name = $Name; Seats = @($Rows).Count; Users = $users.Count
            Direct = @($Rows | Where-Object { -not $_.assigning_team }).Count; ViaTeam = @($Rows | Where-Object { $_.assigning_team }).Count
            Active = 0; Inactive = 0; NeverUsed = 0; PendingCancellation = 0; Business = 0; Enterprise = 0
            MonthlyCost = [decimal]0; InactiveMonthlyCost = [decimal]0; Currency = 'USD'; InactiveDays = $InactiveDays }
        foreach ($u in $users) {
            $days = foreach ($r in $u.Group) {
                $last = if ($r.last_activity_at) { $r.last_activity_at } else { $r.created_at }
                [Math]::Floor(($now - [DateTimeOffset]::Parse([string]$last, [cultureinfo]::InvariantCulture)).TotalDays)
            }
            $active = @($days | Where-Object { $_ -lt $InactiveDays }).Count -gt 0
            $pending = @($u.Group | Where-Object { -not $_.pending_cancellation_date }).Count -eq 0
            $best = $u.Group | ForEach-Object { [pscustomobject]@{ Plan = $_.plan_type; Cost = [decimal]$(if ($Price.ContainsKey([string]$_.plan_type)) { $Price[[string]$_.plan_type] } else { 0 }) } } |
                Sort-Object Cost, @{ Expression = { @('business', 'enterprise').IndexOf([string]$_.Plan) } } -Descending | Select-Object -First 1
            if ($active) { $e.Active++ } else { $e.Inactive++; if (-not $pending) { $e.InactiveMonthlyCost += $best.Cost } }
            if (@($u.Group | Where-Object { $_.last_activity_at }).Count -eq 0) { $e.NeverUsed++ }
            if ($pending) { $e.PendingCancellation++ }
            if ($best.Plan -eq 'business') { $e.Business++ } elseif ($best.Plan -eq 'enterprise') { $e.Enterprise++ }
            $e.MonthlyCost += $best.Cost
        }
        [pscustomobject]$e
    }

    function Assert-Summary($Actual, $Expected) {
        $Actual.GetType().FullName | Should -Be 'CopilotSeats.CopilotSeatSummary'
        foreach ($p in $Expected.PSObject.Properties.Name) {
            $Actual.$p | Should -Be $Expected.$p -Because "$p of $($Expected.Name)"
        }
    }
}

AfterAll {
    Stop-TestSimulator $Sim
}

Describe 'Measure-CopilotSeat' {
    BeforeAll { Reset-Simulator $Sim }

    It 'summarises an organization as the listing adds up' {
        $expected = Get-ExpectedSummary (Get-RawRows '/orgs/octo-org') 'octo-org'
        $expected.Seats | Should -Be 120
        $expected.PendingCancellation | Should -BeGreaterThan 0
        $expected.NeverUsed | Should -BeGreaterThan 0
        $expected.Active | Should -BeGreaterThan 0
        $expected.Inactive | Should -BeGreaterThan 0
        Assert-Summary (Measure-CopilotSeat -Organization octo-org @Conn) $expected
    }

    It 'counts each enterprise user once, at their highest plan' {
        $rows = Get-RawRows '/enterprises/octo-ent'
        $expected = Get-ExpectedSummary $rows 'octo-ent'
        $expected.Users | Should -BeLessThan $expected.Seats
        $expected.Enterprise | Should -BeGreaterThan 0
        Assert-Summary (Measure-CopilotSeat -Enterprise octo-ent @Conn) $expected
    }

    It 'gives the same figures for seats piped from Get-CopilotSeat' {
        $expected = Get-ExpectedSummary (Get-RawRows '/enterprises/octo-ent') 'octo-ent' -InactiveDays 60
        Assert-Summary (Get-CopilotSeat -Enterprise octo-ent @Conn | Measure-CopilotSeat -InactiveDays 60) $expected
    }

    It 'writes one summary per <GroupBy>, largest first, with -Price' -ForEach @(
        @{ GroupBy = 'Team' }, @{ GroupBy = 'Editor' }, @{ GroupBy = 'Organization' }, @{ GroupBy = 'PlanType' }
    ) {
        $price = @{ business = 10; enterprise = 25.5 }
        $rows = Get-RawRows '/enterprises/octo-ent'
        $groups = $rows | Group-Object { Get-GroupName $_ $GroupBy }
        $actual = @(Measure-CopilotSeat -Enterprise octo-ent -GroupBy $GroupBy -Price $price @Conn)
        $actual.Count | Should -Be @($groups).Count
        $actual.Count | Should -BeGreaterThan 1
        $seats = $actual.Seats
        $seats | Should -Be ($seats | Sort-Object -Descending)
        foreach ($g in $groups) {
            Assert-Summary ($actual | Where-Object Name -EQ $g.Name) (Get-ExpectedSummary $g.Group $g.Name -Price $price)
        }
    }

    It 'prices an unlisted plan at 0 and warns once' {
        $summary = Measure-CopilotSeat -Enterprise octo-ent -Price @{ business = 19 } @Conn -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings).Count | Should -Be 1
        "$warnings" | Should -Match 'enterprise'
        Assert-Summary $summary (Get-ExpectedSummary (Get-RawRows '/enterprises/octo-ent') 'octo-ent' -Price @{ business = 19 })
    }

    It 'takes one number (-Price <Price>) as the price of every plan' -ForEach @(@{ Price = 21 }, @{ Price = '21' }, @{ Price = 21.0 }) {
        $summary = Measure-CopilotSeat -Enterprise octo-ent -Price $Price @Conn -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings).Count | Should -Be 0 -Because 'every plan type has the price'
        $summary.MonthlyCost | Should -Be ($summary.Users * 21)
        $table = Measure-CopilotSeat -Enterprise octo-ent -Price @{ business = 21; enterprise = 21 } @Conn -WarningAction SilentlyContinue
        foreach ($name in 'Seats', 'Users', 'Active', 'Inactive', 'Business', 'Enterprise', 'InactiveMonthlyCost') {
            $summary.$name | Should -Be $table.$name -Because $name
        }
        (Get-CopilotSeat -Organization octo-org @Conn | Measure-CopilotSeat -Price 19.5).MonthlyCost |
            Should -Be ((Measure-CopilotSeat -Organization octo-org @Conn).Users * 19.5)
    }

    It 'stops at a price of <Label> before any request' -ForEach @(
        @{ Label = 'a negative number'; Price = -1 }, @{ Label = 'a word'; Price = 'lots' }, @{ Label = 'a date'; Price = [datetime]'2026-01-01' }
        @{ Label = 'a word in a hashtable'; Price = @{ business = 'lots' } }
    ) {
        Clear-SimulatorLog $Sim
        $err = Get-ThrownError { Measure-CopilotSeat -Organization octo-org -Price $Price @Conn }
        Assert-ErrorRecord $err 'CopilotSeats.InvalidPrice' InvalidArgument
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'gives the same figures for seats read back through <Way>' -ForEach @(
        @{ Way = 'Export-Csv/Import-Csv'; Back = { param($Seats, $Path) $Seats | Export-Csv $Path; Import-Csv $Path } }
        @{ Way = 'Export-Clixml/Import-Clixml'; Back = { param($Seats, $Path) $Seats | Export-Clixml $Path; Import-Clixml $Path } }
        @{ Way = 'ConvertTo-Json/ConvertFrom-Json'; Back = { param($Seats, $Path) $Seats | ConvertTo-Json -Depth 3 | ConvertFrom-Json } }
        @{ Way = 'Export-Csv/Import-Csv in en-GB'; Culture = 'en-GB'; Back = { param($Seats, $Path) $Seats | Export-Csv $Path; Import-Csv $Path } }
        @{ Way = 'a job''s serialization (depth 1) in en-GB'; Culture = 'en-GB'
           Back = { param($Seats, $Path) $Seats | ForEach-Object { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($_, 1)) } } }
    ) {
        $expected = Get-ExpectedSummary (Get-RawRows '/enterprises/octo-ent') 'octo-ent' -InactiveDays 60
        $seats = @(Get-CopilotSeat -Enterprise octo-ent @Conn)
        $saved = [System.Threading.Thread]::CurrentThread.CurrentCulture
        try {
            if ($Culture) { [System.Threading.Thread]::CurrentThread.CurrentCulture = [System.Globalization.CultureInfo]::GetCultureInfo($Culture) }
            $rows = @(& $Back $seats (Join-Path $TestDrive 'seats'))
            Clear-SimulatorLog $Sim
            $summary = $rows | Measure-CopilotSeat -InactiveDays 60 -ErrorVariable ev
        }
        finally { [System.Threading.Thread]::CurrentThread.CurrentCulture = $saved }
        $rows[0] | Should -Not -BeOfType ([CopilotSeats.CopilotSeat])
        Assert-Summary $summary $expected
        @($ev).Count | Should -Be 0
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'refuses a row whose <Field> is not <Kind>, and measures the rest' -ForEach @(
        @{ Field = 'LastActivityAt'; Kind = 'a date' }
        @{ Field = 'UserId'; Kind = 'a number' }
    ) {
        $rows = @(Get-CopilotSeat -Organization octo-org @Conn | Select-Object -First 3 | ConvertTo-Csv | ConvertFrom-Csv)
        $rows[1].$Field = 'soon'
        $summary = $rows | Measure-CopilotSeat -ErrorVariable ev -ErrorAction SilentlyContinue
        $summary.Seats | Should -Be 2
        @($ev).Count | Should -Be 1
        $ev[0].Exception.Message | Should -BeLike "*'$($rows[1].Login)'*$Field 'soon'*not $Kind*"
    }

    It 'refuses what is not a seat, as a value it cannot bind' {
        $planItem = Compare-CopilotSeat -Organization octo-org -ReferenceUser octocat @Conn | Select-Object -First 1
        $summary = [pscustomobject]@{ Login = 'alice' }, 'octo-org', $planItem | Measure-CopilotSeat -ErrorVariable ev -ErrorAction SilentlyContinue
        $summary.Seats | Should -Be 0
        @($ev).Count | Should -Be 3
        foreach ($e in $ev) { $e.FullyQualifiedErrorId | Should -Be 'InputObjectNotBound,CopilotSeats.Commands.MeasureCopilotSeatCommand' }
    }

    It 'writes one empty summary for an empty upstream, and no group, without looking for a target' {
        Clear-SimulatorLog $Sim
        $summary = @(@() | Measure-CopilotSeat -ErrorVariable ev)
        $summary.Count | Should -Be 1
        $summary[0].Seats | Should -Be 0
        @(@() | Measure-CopilotSeat -GroupBy Team -ErrorVariable +ev).Count | Should -Be 0
        @($ev).Count | Should -Be 0
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'writes the error of a failed listing and no summary' {
        @(Measure-CopilotSeat -Organization no-such-org @Conn -ErrorVariable ev -ErrorAction SilentlyContinue).Count | Should -Be 0
        @($ev).Count | Should -Be 1
    }

    It 'agrees with Get-CopilotSeat -InactiveDays, whose DaysInactive column shows why' {
        $csv = Join-Path $TestDrive 'inactive.csv'
        Get-CopilotSeat -Organization octo-org -InactiveDays 30 @Conn | Export-Csv $csv -NoTypeInformation
        $rows = Import-Csv $csv
        $rows | ForEach-Object { [int]$_.DaysInactive | Should -BeGreaterOrEqual 30 }
        (Measure-CopilotSeat -Organization octo-org -InactiveDays 30 @Conn).Inactive | Should -Be @($rows).Count
    }

    It 'fits its table in 80 columns' {
        $lines = Measure-CopilotSeat -Enterprise octo-ent -GroupBy Organization @Conn | Format-Table | Out-String -Width 80 -Stream |
            Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Name\s+Seats\s+Users\s+Active\s+Inactive\s+Pending\s+Cost\s+IdleCost$'
        $lines | ForEach-Object { $_.Length | Should -BeLessThan 80 }
        $lines | Should -Contain ($lines | Where-Object { $_ -match '^octo-org\s+120\s' })
    }
}

Describe 'Measure-CopilotSeat after reclaiming a seat' {
    BeforeAll { Reset-Simulator $Sim }

    It 'moves the user from the savings to PendingCancellation' {
        $before = Measure-CopilotSeat -Organization octo-org @Conn
        $victim = Get-CopilotSeat -Organization octo-org -InactiveDays 30 @Conn |
            Where-Object { -not $_.AssigningTeam -and -not $_.PendingCancellationDate } | Select-Object -First 1
        $null = Remove-CopilotUser -Organization octo-org -UserName $victim.Login -Force @Conn
        $after = Measure-CopilotSeat -Organization octo-org @Conn
        $after.PendingCancellation | Should -Be ($before.PendingCancellation + 1)
        $after.InactiveMonthlyCost | Should -Be ($before.InactiveMonthlyCost - 19)
        $after.MonthlyCost | Should -Be $before.MonthlyCost
        $after.Inactive | Should -Be $before.Inactive
    }
}
