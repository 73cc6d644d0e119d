# Reading: Get-CopilotOrgDetail and Get-CopilotSeat (paging, streaming, enterprise, per-user lookups, CSV).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession
}

AfterAll {
    Stop-TestSimulator $Sim
}

Describe 'Get-CopilotOrgDetail' {
    BeforeAll { Reset-Simulator $Sim }

    It 'returns a CopilotOrgDetail with the billing settings and seat breakdown of octo-org' {
        $d = Get-CopilotOrgDetail -Organization octo-org @Conn
        @($d).Count | Should -Be 1
        $d.GetType().FullName | Should -Be 'CopilotSeats.CopilotOrgDetail'
        $d.Organization | Should -Be 'octo-org'
        $d.SeatManagementSetting | Should -Be 'assign_selected'
        $d.PlanType | Should -Be 'business'
        $d.TotalSeats | Should -Be 120
        foreach ($p in 'PublicCodeSuggestions', 'IdeChat', 'PlatformChat', 'Cli', 'AddedThisCycle', 'PendingInvitation',
            'PendingCancellation', 'ActiveThisCycle', 'InactiveThisCycle') {
            $d.PSObject.Properties.Name | Should -Contain $p
        }
    }

    It 'takes organization names from the pipeline, one object per organization' {
        $details = @('octo-org', 'octo-lab', 'assign-all-org' | Get-CopilotOrgDetail @Conn)
        $details.Count | Should -Be 3
        ($details | Where-Object Organization -eq 'octo-lab').TotalSeats | Should -Be 30
        ($details | Where-Object Organization -eq 'assign-all-org').SeatManagementSetting | Should -Be 'assign_all'
    }

    It 'asks once per organization however many piped seats name it' {
        $seats = @(Get-CopilotSeat -Organization octo-org @Conn | Select-Object -First 5)
        Clear-SimulatorLog $Sim
        $details = @($seats | Get-CopilotOrgDetail @Conn)
        $details.Organization | Should -Be @('octo-org')
        @(Get-SimulatorRequests $Sim GET | Where-Object path -eq '/orgs/octo-org/copilot/billing').Count | Should -Be 1
    }

    It 'refuses a piped object without an Organization property at binding, instead of taking its text as a name' {
        Clear-SimulatorLog $Sim
        $err = Get-ThrownError { [pscustomobject]@{ Target = 'octo-lab'; Note = 'a check' } | Get-CopilotOrgDetail @Conn -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -Match '^InputObjectNotBound'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'takes the organization by property name' {
        $d = [pscustomobject]@{ Organization = 'octo-lab' } | Get-CopilotOrgDetail @Conn
        $d.Organization | Should -Be 'octo-lab'
    }

    It 'reports an unknown organization as CopilotSeats.Http404 / ObjectNotFound' {
        $null = Get-CopilotOrgDetail -Organization no-such-org @Conn -ErrorVariable ev -ErrorAction SilentlyContinue
        @($ev).Count | Should -BeGreaterOrEqual 1
        Assert-ErrorRecord $ev[0] 'CopilotSeats.Http404' ObjectNotFound
    }
}

Describe 'Get-CopilotSeat organization listing' {
    BeforeAll { Reset-Simulator $Sim }
    BeforeEach { Clear-SimulatorLog $Sim }

    It 'returns exactly 120 CopilotSeat objects with unique logins' {
        $seats = @(Get-CopilotSeat -Organization octo-org @Conn)
        $seats.Count | Should -Be 120
        @($seats | Where-Object { $_.GetType().FullName -ne 'CopilotSeats.CopilotSeat' }).Count | Should -Be 0
        @($seats | Select-Object -ExpandProperty Login | Sort-Object -Unique).Count | Should -Be 120
        $seats.Login | Should -Contain 'octocat'
        $seats.Login | Should -Contain 'mona_octo'
        @($seats | Where-Object { $_.Organization -ne 'octo-org' }).Count | Should -Be 0
    }

    It 'asks for pages of 100 by default (2 requests for 120 seats)' {
        $null = Get-CopilotSeat -Organization octo-org @Conn
        $gets = @(Get-SimulatorRequests $Sim -Method GET)
        $gets.Count | Should -Be 2
        @(Get-SimulatorRequests $Sim).status | Should -Be @(200, 200)
        foreach ($g in $gets) { ([string]$g.query + [string]$g.path) | Should -Match 'per_page=100' }
    }

    It 'Select-Object -First 3 stops after exactly one request (<Pages>), and the next listing works' -ForEach @(
        @{ Pages = 'pages of 100'; Paging = @{}; PerPage = 100 }
        @{ Pages = '18 pages of 7, one at a time'; Paging = @{ PageSize = 7; ThrottleLimit = 1 }; PerPage = 7 }
    ) {
        $first = @(Get-CopilotSeat -Organization octo-org @Paging @Conn | Select-Object -First 3)
        $first.Count | Should -Be 3
        @($first | Where-Object { $_.GetType().FullName -ne 'CopilotSeats.CopilotSeat' }).Count | Should -Be 0
        Start-Sleep -Milliseconds 500   # let any (wrongly) prefetched page reach the log
        $requests = @(Get-SimulatorRequests $Sim)
        $requests.Count | Should -Be 1
        $requests[0].method | Should -Be 'GET'
        $requests[0].query | Should -Match "per_page=$PerPage\b"
        @(Get-CopilotSeat -Organization octo-org @Conn).Count | Should -Be 120
    }

    It 'takes -Organization by property name from the pipeline' {
        $seats = @([pscustomobject]@{ Organization = 'octo-lab' } | Get-CopilotSeat @Conn)
        $seats.Count | Should -Be 30
    }

    It 'asks once per organization and login however many piped rows name them (<Path>)' -ForEach @(
        @{ Path = '/orgs/octo-org/copilot/metrics/reports/users-28-day/latest'; Rows = { $s = @(Get-CopilotSeat -Organization octo-org @Conn | Select-Object -First 15); $s + $s } }
        @{ Path = '/orgs/octo-lab/copilot/billing/seats'; Rows = { 1..4 | ForEach-Object { [pscustomobject]@{ Organization = 'octo-lab' } } } }
    ) {
        $rows = @(& $Rows)
        Clear-SimulatorLog $Sim
        $out = @($rows | Get-CopilotSeat -IncludeUsage @Conn)
        @($out | Sort-Object Organization, Login -Unique).Count | Should -Be $out.Count
        @(Get-SimulatorRequests $Sim GET | Where-Object path -eq $Path).Count | Should -Be 1
    }

    It '-ThrottleLimit 1 and -ThrottleLimit 8 give identical results in the same order' {
        $one = @(Get-CopilotSeat -Organization octo-org -PageSize 10 -ThrottleLimit 1 @Conn |
                ForEach-Object { '{0}|{1}|{2}|{3:o}' -f $_.Login, $_.Organization, $_.AssigningTeam, $_.CreatedAt })
        $eight = @(Get-CopilotSeat -Organization octo-org -PageSize 10 -ThrottleLimit 8 @Conn |
                ForEach-Object { '{0}|{1}|{2}|{3:o}' -f $_.Login, $_.Organization, $_.AssigningTeam, $_.CreatedAt })
        $one.Count | Should -Be 120
        $eight.Count | Should -Be 120
        ($eight -join "`n") | Should -BeExactly ($one -join "`n")
        $one[0] | Should -BeLike 'octocat|*' -Because 'the order is the API''s listing order'
    }

    It 'rejects -PageSize <Size> at parameter binding' -ForEach @(@{ Size = 0 }, @{ Size = 101 }) {
        $e = Get-ThrownError { Get-CopilotSeat -Organization octo-org -PageSize $Size @Conn }
        $e.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }
}

Describe 'Get-CopilotSeat enterprise listing' {
    BeforeAll {
        Reset-Simulator $Sim
        $script:EntSeats = @(Get-CopilotSeat -Enterprise octo-ent @Conn)
        $script:EntLog = @(Get-SimulatorRequests $Sim)
    }

    It 'returns CopilotSeat rows with Enterprise octo-ent, one per row of the enterprise listing' {
        $EntSeats.Count | Should -BeGreaterThan 120
        $EntSeats.Count | Should -Be @(Get-RawRows '/enterprises/octo-ent').Count
        @($EntLog | Where-Object { $_.path -notlike '/enterprises/octo-ent/*' }).Count | Should -Be 0
        @($EntSeats | Where-Object { $_.GetType().FullName -ne 'CopilotSeats.CopilotSeat' }).Count | Should -Be 0
        @($EntSeats | Where-Object { $_.Enterprise -ne 'octo-ent' }).Count | Should -Be 0
    }

    It 'sets Organization on the rows granted through an organization' {
        @($EntSeats | Where-Object Organization -eq 'octo-org').Count | Should -Be 120
        @($EntSeats | Where-Object Organization -eq 'octo-lab').Count | Should -Be 30
    }

    It 'has one row per grant (octocat appears once for octo-org and once for octo-lab)' {
        $octocat = @($EntSeats | Where-Object Login -eq 'octocat')
        @($octocat.Organization | Sort-Object) | Should -Be @('octo-lab', 'octo-org')
    }
}

Describe 'Get-CopilotSeat -UserName' {
    BeforeAll { Reset-Simulator $Sim }
    BeforeEach { Clear-SimulatorLog $Sim }

    It '-UserName octocat returns exactly one seat' {
        $seats = @(Get-CopilotSeat -Organization octo-org -UserName octocat @Conn)
        $seats.Count | Should -Be 1
        $seats[0].GetType().FullName | Should -Be 'CopilotSeats.CopilotSeat'
        $seats[0].Login | Should -Be 'octocat'
        $seats[0].Organization | Should -Be 'octo-org'
        @(Get-SimulatorRequests $Sim).path | Should -Be @('/orgs/octo-org/members/octocat/copilot')
    }

    It '-Login is an alias of -UserName' {
        (Get-CopilotSeat -Organization octo-org -Login mona_octo @Conn).Login | Should -Be 'mona_octo'
    }

    It 'a user without a seat is a non-terminating CopilotSeats.Http404 error and the other names still come out' {
        $seats = @(Get-CopilotSeat -Organization octo-org -UserName octocat, nobody-here, mona_octo @Conn -ErrorVariable ev -ErrorAction SilentlyContinue)
        $seats.Count | Should -Be 2
        $seats.Login | Should -Be @('octocat', 'mona_octo')
        @(Get-SimulatorRequests $Sim).Count | Should -Be 3
        @($ev).Count | Should -Be 1
        Assert-ErrorRecord $ev[0] 'CopilotSeats.Http404' ObjectNotFound 'nobody-here'
    }

    It 'a member without a seat (no-seat-1) is also reported per name, given or piped by property name' {
        $null = Get-CopilotSeat -Organization octo-org -UserName no-seat-1 @Conn -ErrorVariable ev -ErrorAction SilentlyContinue
        $piped = @([pscustomobject]@{ Login = 'no-seat-1' }, [pscustomobject]@{ Login = 'user-0001' } |
                Get-CopilotSeat -Organization octo-org @Conn -ErrorVariable +ev -ErrorAction SilentlyContinue)
        $piped.Login | Should -Be 'user-0001'
        @($ev).Count | Should -Be 2
        foreach ($e in $ev) {
            $e.TargetObject | Should -Be 'no-seat-1'
            $e.FullyQualifiedErrorId | Should -BeLike 'CopilotSeats.Http404*'
        }
    }
}

Describe 'Export-Csv of seats' {
    BeforeAll { Reset-Simulator $Sim }

    It 'writes clean scalar columns (no System.Object[] or type names) and one row per seat' {
        $path = Join-Path ([System.IO.Path]::GetTempPath()) ('copilotseats-' + [guid]::NewGuid().ToString('N') + '.csv')
        try {
            Get-CopilotSeat -Organization octo-org @Conn | Export-Csv -LiteralPath $path -NoTypeInformation -Encoding utf8
            $text = Get-Content -LiteralPath $path -Raw
            $text | Should -Not -Match 'System\.Object\[\]|System\.Collections|CopilotSeats\.|@\{'
            $rows = @(Import-Csv -LiteralPath $path)
            $rows.Count | Should -Be 120
            $columns = $rows[0].PSObject.Properties.Name
            foreach ($c in 'Login', 'Organization', 'AssigningTeam', 'CreatedAt', 'LastActivityAt', 'LastActivityEditor', 'PendingCancellationDate') {
                $columns | Should -Contain $c
            }
            ($rows | Where-Object Login -eq 'team1-member-1').AssigningTeam | Should -Be 'team-1'
            ($rows | Where-Object Login -eq 'octocat').CreatedAt | Should -Not -BeNullOrEmpty
        }
        finally {
            Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Get-CopilotSeat -InactiveDays' {
    BeforeAll { Reset-Simulator $Sim }
    BeforeEach { Clear-SimulatorLog $Sim }

    It 'keeps the seats whose last activity (else creation) is older than the cutoff, in listing order' {
        $cutoff = [DateTimeOffset]::UtcNow.AddDays(-45)
        $all = @(Get-CopilotSeat -Organization octo-org @Conn)
        $expected = @($all | Where-Object {
                $last = if ($null -ne $_.LastActivityAt) { $_.LastActivityAt } else { $_.CreatedAt }
                $last -lt $cutoff
            } | ForEach-Object Login)
        $expected.Count | Should -BeGreaterThan 10
        $expected.Count | Should -BeLessThan $all.Count

        Clear-SimulatorLog $Sim
        $inactive = @(Get-CopilotSeat -Organization octo-org -InactiveDays 45 -PageSize 25 @Conn)
        ($inactive.Login -join ",") | Should -Be ($expected -join ",")
        $inactive[0].GetType().FullName | Should -Be 'CopilotSeats.CopilotSeat'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 5 -Because 'the whole listing is read; the filter only drops seats'
    }

    It 'every seat carries DaysInactive, from its raw last activity else creation; -InactiveDays 30 keeps exactly those at 30 or more' {
        $raw = @{}
        foreach ($row in Get-RawRows '/orgs/octo-org') { $raw[$row.assignee.login] = $row }
        $seats = @(Get-CopilotSeat -Organization octo-org @Conn)
        $now = [DateTimeOffset]::UtcNow
        foreach ($seat in $seats) {
            $row = $raw[$seat.Login]
            $last = if ($row.last_activity_at) { $row.last_activity_at } else { $row.created_at }
            $expected = [int][Math]::Floor(($now - [DateTimeOffset]$last).TotalDays)
            $seat.DaysInactive | Should -BeIn @(($expected - 1), $expected) -Because "$($seat.Login) (the listing ran a moment before now)"
        }
        $inactive = @(Get-CopilotSeat -Organization octo-org -InactiveDays 30 @Conn)
        $inactive.Count | Should -BeGreaterThan 0
        ($inactive.Login -join ',') | Should -Be (@($seats | Where-Object DaysInactive -GE 30 | ForEach-Object Login) -join ',')
    }

    It 'filters -UserName lookups too, without an error for the active user' {
        $seats = @(Get-CopilotSeat -Organization octo-org @Conn)
        $active = @($seats | Where-Object DaysInactive -LT 29)[0].Login
        $idle = @($seats | Where-Object DaysInactive -GT 31)[0].Login
        Clear-SimulatorLog $Sim
        $out = @(Get-CopilotSeat -Organization octo-org -UserName $active, $idle -InactiveDays 30 @Conn -ErrorVariable ev)
        @($ev).Count | Should -Be 0
        $out.Login | Should -Be $idle
        @(Get-SimulatorRequests $Sim).Count | Should -Be 2
    }

    It 'rejects -InactiveDays 0 at parameter binding' {
        $e = Get-ThrownError { Get-CopilotSeat -Organization octo-org -InactiveDays 0 @Conn }
        $e.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
    }
}

Describe 'Get-CopilotSeat with piped enterprise seat rows' {
    BeforeAll {
        Reset-Simulator $Sim
        $script:Rows = Get-EnterpriseSeatRows $Conn
    }

    It 'looks the <Source> row''s user up at <Path>' -ForEach @(
        @{ Source = 'Object'; Path = '/enterprises/octo-ent/members/ent-user-1/copilot' }
        @{ Source = 'Csv'; Path = '/enterprises/octo-ent/members/ent-user-1/copilot' }
        @{ Source = 'Both'; Path = '/orgs/octo-org/members/ent-user-1/copilot' }
    ) {
        Clear-SimulatorLog $Sim
        $null = $Rows[$Source] | Get-CopilotSeat @Conn -ErrorAction SilentlyContinue
        @(Get-SimulatorRequests $Sim).path | Should -Be $Path
    }

    It 'still refuses an organization or enterprise typed empty, and sends nothing' {
        Clear-SimulatorLog $Sim
        { Get-CopilotSeat -Organization '' @Conn } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Get-CopilotSeat -Enterprise '' @Conn } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Get-CopilotOrgDetail -Organization '' @Conn } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'Test-CopilotConnection checks the <Source> row''s <Target>; Get-CopilotOrgDetail asks <Detail>' -ForEach @(
        @{ Source = 'Object'; Target = 'octo-ent'; Detail = 'nothing' }
        @{ Source = 'Csv'; Target = 'octo-ent'; Detail = 'nothing' }
        @{ Source = 'Both'; Target = 'octo-org'; Detail = '/orgs/octo-org/copilot/billing' }
    ) {
        @(($Rows[$Source] | Test-CopilotConnection @Conn).Target) | Should -Be @($Target)
        Clear-SimulatorLog $Sim
        $null = $Rows[$Source] | Get-CopilotOrgDetail @Conn
        $asked = @(Get-SimulatorRequests $Sim).path
        if ($Detail -eq 'nothing') { $asked | Should -BeNullOrEmpty } else { $asked | Should -Be $Detail }
    }

    It 'Test-CopilotConnection takes a row whose Organization is $null as naming none, not as a name' {
        $null = Connect-Copilot -Organization octo-org @Conn
        try { $out = @([pscustomobject]@{ Login = 'frank'; Organization = $null } | Test-CopilotConnection -ErrorVariable ev -WarningVariable wv -WarningAction SilentlyContinue) }
        finally { Disconnect-Copilot }
        @($ev).Count | Should -Be 0
        $out.Target | Should -Be 'octo-org'
        "$wv" | Should -BeLike "A piped row names no organization*octo-org*"
    }
}
