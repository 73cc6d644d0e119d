# Billing changes: Add/Remove-CopilotUser, Add/Remove-CopilotTeam, batching, pipeline binding, -WhatIf,
# GitHub's 422 answers and name validation.

BeforeDiscovery {
    # Names no GitHub organization, enterprise, user or team can have (the user-name test adds the empty one).
    $BadNames = @(
        @{ Display = "'a/b'"; Value = 'a/b' }
        @{ Display = "'..'"; Value = '..' }
        @{ Display = 'x CR LF y'; Value = "x`r`ny" }
        @{ Display = "'a?b'"; Value = 'a?b' }
        @{ Display = "'%2e'"; Value = '%2e' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession

    # Asserts 250 names went out as 3 $Method requests of at most 100 names each, every name once (and, when given,
    # that the changes report $SeatsChanged seats).
    function Assert-ThreeBatches([string] $Method, $Changes, $SeatsChanged) {
        $Changes.Count | Should -Be 3
        (@($Changes | ForEach-Object { @($_.Requested).Count }) | Measure-Object -Sum).Sum | Should -Be 250
        if ($null -ne $SeatsChanged) { ($Changes | Measure-Object SeatsChanged -Sum).Sum | Should -Be $SeatsChanged }
        $sent = foreach ($r in @(Get-SimulatorRequests $Sim -Method $Method)) {
            $batch = @((Get-RequestBody $r).selected_usernames)
            $batch.Count | Should -BeLessOrEqual 100
            $batch
        }
        @($sent).Count | Should -Be 250
        @($sent | Sort-Object -Unique).Count | Should -Be 250
        @(Get-SimulatorRequests $Sim -Method $Method).Count | Should -Be 3
        @(Get-MutationRequests $Sim).Count | Should -Be 3
    }
}

AfterAll {
    Stop-TestSimulator $Sim
}

Describe 'Add-CopilotUser' {
    BeforeEach { Reset-Simulator $Sim }

    It 'adds a seat with one POST of selected_usernames and writes a CopilotSeatChange' {
        $change = Add-CopilotUser -Organization octo-org -UserName no-seat-1 -Force @Conn
        @($change).Count | Should -Be 1
        $change.GetType().FullName | Should -Be 'CopilotSeats.CopilotSeatChange'
        Assert-Properties $change @{ Action = 'Add'; AssigneeType = 'User'; Organization = 'octo-org'; SeatsChanged = 1 }
        (@($change.Requested) -join ',') | Should -Be 'no-seat-1'

        Assert-OneSeatRequest $Sim POST '/orgs/octo-org/copilot/billing/selected_users' selected_usernames 'no-seat-1'
        @(Get-MutationRequests $Sim).Count | Should -Be 1

        (Get-CopilotSeat -Organization octo-org -UserName no-seat-1 @Conn).Login | Should -Be 'no-seat-1'
    }

    It 'binds the organization and user name by position' {
        $change = Add-CopilotUser octo-org no-seat-2 -Force @Conn
        $change.SeatsChanged | Should -Be 1
        @(Get-SimulatorRequests $Sim -Method POST).Count | Should -Be 1
    }

    It 'pipeline by value: two names go in one POST' {
        $changes = @('no-seat-1', 'no-seat-2' | Add-CopilotUser -Organization octo-org -Force @Conn)
        $changes.Count | Should -Be 1
        $changes[0].SeatsChanged | Should -Be 2
        Assert-OneSeatRequest $Sim POST -Field selected_usernames -Names 'no-seat-1,no-seat-2' -Sorted
    }

    It 'pipeline by property name: objects with a <Property> property' -ForEach @(@{ Property = 'Login' }, @{ Property = 'UserName' }) {
        $objects = @([pscustomobject]@{ $Property = 'no-seat-3' }, [pscustomobject]@{ $Property = 'no-seat-4' })
        $changes = @($objects | Add-CopilotUser -Organization octo-org -Force @Conn)
        $changes.Count | Should -Be 1
        Assert-OneSeatRequest $Sim POST -Field selected_usernames -Names 'no-seat-3,no-seat-4' -Sorted
    }

    It 'sends a name given twice (any case) only once' {
        $null = 'no-seat-1', 'NO-SEAT-1', 'no-seat-2' | Add-CopilotUser -Organization octo-org -Force @Conn
        $posts = @(Get-SimulatorRequests $Sim -Method POST)
        $posts.Count | Should -Be 1
        @((Get-RequestBody $posts[0]).selected_usernames).Count | Should -Be 2
    }

    It '250 names go out as 3 POSTs, and 250 removals as 3 DELETEs, of at most 100 names each' {
        Reset-Simulator $Sim -Body @{ seats = 300 }
        $names = @(Get-CopilotSeat -Organization octo-org @Conn | Where-Object { $_.Login -like 'user-*' } |
                Select-Object -First 250 -ExpandProperty Login)
        $names.Count | Should -Be 250
        Clear-SimulatorLog $Sim

        Assert-ThreeBatches POST @($names | Add-CopilotUser -Organization octo-org -Force @Conn)

        Clear-SimulatorLog $Sim
        Assert-ThreeBatches DELETE @(1..250 | ForEach-Object { 'user-{0:0000}' -f $_ } | Remove-CopilotUser -Organization octo-org -Force @Conn) -SeatsChanged 250
        (Get-CopilotSeat -Organization octo-org -UserName user-0250 @Conn).PendingCancellationDate | Should -Not -BeNullOrEmpty
        (Get-CopilotSeat -Organization octo-org -UserName user-0251 @Conn).PendingCancellationDate | Should -BeNullOrEmpty
    }

    It 'enterprise: -Enterprise octo-ent posts to the enterprise selected_users endpoint' {
        $change = Add-CopilotUser -Enterprise octo-ent -UserName ent-user-5 -Force @Conn
        Assert-Properties $change @{ Enterprise = 'octo-ent'; AssigneeType = 'User' }
        Assert-OneSeatRequest $Sim POST '/enterprises/octo-ent/copilot/billing/selected_users' selected_usernames 'ent-user-5'
    }

    It 'an assign_all organization answers 422: non-terminating CopilotSeats.Http422 (InvalidOperation)' {
        $out = @(Add-CopilotUser -Organization assign-all-org -UserName no-seat-1 -Force @Conn -ErrorVariable ev -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        @($ev).Count | Should -Be 1
        Assert-ErrorRecord $ev[0] 'CopilotSeats.Http422' InvalidOperation 'assign-all-org'
        @(Get-SimulatorRequests $Sim -Method POST).Count | Should -Be 1 -Because 'a 422 is never retried'
    }

    It '<Command> -ErrorAction Stop writes the change GitHub applied before it stops on <Bad>' -ForEach @(
        @{ Command = 'Add-CopilotUser'; Names = @{ UserName = 'no-seat-1', 'ghost-nobody', 'no-seat-2' }; Bad = 'ghost-nobody' }
        @{ Command = 'Add-CopilotTeam'; Names = @{ TeamName = 'team-2', 'no-such-team', 'team-3' }; Bad = 'no-such-team' }
    ) {
        $before = @(Get-CopilotSeat -Organization octo-org @Conn).Count
        try { & $Command -Organization octo-org @Names -Force -ErrorAction Stop -OutVariable ov @Conn | Out-Null } catch { $err = $_ }
        Assert-ErrorRecord $err 'CopilotSeats.Http422' InvalidOperation $Bad
        ($ov | Measure-Object SeatsChanged -Sum).Sum | Should -Be (@(Get-CopilotSeat -Organization octo-org @Conn).Count - $before)
    }

    It 'rows for an assign_all organization and another: the 422 is that organization''s error and the other batch still goes' {
        $out = @([pscustomobject]@{ Organization = 'assign-all-org'; UserName = 'no-seat-1' }, [pscustomobject]@{ Organization = 'octo-org'; UserName = 'no-seat-2' } |
                Add-CopilotUser @Conn -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($ev).Count | Should -Be 1
        Assert-ErrorRecord $ev[0] 'CopilotSeats.Http422' InvalidOperation 'assign-all-org'
        $out.Organization | Should -Be 'octo-org'
        @(Get-SimulatorRequests $Sim | ForEach-Object { "$($_.path) $($_.status)" }) |
            Should -Be @('/orgs/assign-all-org/copilot/billing/selected_users 422', '/orgs/octo-org/copilot/billing/selected_users 201')
    }
}

Describe 'Remove-CopilotUser' {
    BeforeEach { Reset-Simulator $Sim }

    It '<Switch> removes the seats in one DELETE, and they then have a PendingCancellationDate' -ForEach @(
        @{ Switch = '-Confirm:$false'; NoPrompt = @{ Confirm = $false } }
        @{ Switch = '-Force'; NoPrompt = @{ Force = $true } }
    ) {
        $change = Remove-CopilotUser -Organization octo-org -UserName user-0001, user-0002 @NoPrompt @Conn
        @($change).Count | Should -Be 1
        $change.GetType().FullName | Should -Be 'CopilotSeats.CopilotSeatChange'
        Assert-Properties $change @{ Action = 'Remove'; AssigneeType = 'User'; SeatsChanged = 2 }
        Assert-OneSeatRequest $Sim DELETE '/orgs/octo-org/copilot/billing/selected_users' selected_usernames 'user-0001,user-0002'
        foreach ($login in 'user-0001', 'user-0002') {
            (Get-CopilotSeat -Organization octo-org -UserName $login @Conn).PendingCancellationDate | Should -Not -BeNullOrEmpty
        }
    }

    It 'separate commands in a loop send their changes at least a second apart' {
        foreach ($login in 'user-0001', 'user-0002', 'user-0003') { $null = Remove-CopilotUser -Organization octo-org -UserName $login -Force @Conn }
        $sent = @(Get-MutationRequests $Sim | ForEach-Object { [DateTimeOffset] $_.startedAt })
        $sent.Count | Should -Be 3
        foreach ($i in 1, 2) { ($sent[$i] - $sent[$i - 1]).TotalSeconds | Should -BeGreaterOrEqual 1 }
    }

    It 'exports to CSV with the names sent in one Requested cell, and Requested still reads as the names' {
        $change = Remove-CopilotUser -Organization octo-org -UserName user-0001, user-0002 -Force @Conn
        Assert-Properties ($change | ConvertTo-Csv | ConvertFrom-Csv) @{ Organization = 'octo-org'; Requested = 'user-0001, user-0002'; SeatsChanged = '2' }
        @($change.Requested.Count, $change.Requested.Length, $change.Requested[1], ($change.Requested -contains 'user-0002')) | Should -Be @(2, 2, 'user-0002', $true)
        ($change | ConvertTo-Json | ConvertFrom-Json).Requested | Should -Be @('user-0001', 'user-0002')
    }

    It 'rows with Organization and UserName (a CSV) change each row''s organization' {
        $out = @([pscustomobject]@{ Organization = 'octo-org'; UserName = 'user-0001' }, [pscustomobject]@{ Organization = 'octo-lab'; UserName = 'user-0002' } |
                Remove-CopilotUser -Force @Conn -ErrorVariable ev)
        @($ev).Count | Should -Be 0
        $out.Count | Should -Be 2
        @(Get-MutationRequests $Sim).path | Should -Be @('/orgs/octo-org/copilot/billing/selected_users', '/orgs/octo-lab/copilot/billing/selected_users')
        (Get-CopilotSeat -Organization octo-org -UserName user-0001 @Conn).PendingCancellationDate | Should -Not -BeNullOrEmpty
        (Get-CopilotSeat -Organization octo-lab -UserName user-0002 @Conn).PendingCancellationDate | Should -Not -BeNullOrEmpty
        (Get-CopilotSeat -Organization octo-org -UserName user-0002 @Conn).PendingCancellationDate | Should -BeNullOrEmpty
    }

    It 'a team-granted user (team1-member-1) alone gives a non-terminating CopilotSeats.TeamAssigned for that login, not retried' {
        $out = @(try { Remove-CopilotUser -Organization octo-org -UserName team1-member-1 -Force @Conn -ErrorVariable ev -ErrorAction SilentlyContinue; 'after' } catch { })
        $out | Should -Be 'after' -Because 'the error is not terminating and no change is written'
        @($ev).Count | Should -Be 1
        Assert-ErrorRecord $ev[0] 'CopilotSeats.TeamAssigned' InvalidOperation 'team1-member-1'
        @(Get-SimulatorRequests $Sim -Method DELETE).Count | Should -Be 1 -Because 'a 422 is never retried'
        (Get-CopilotSeat -Organization octo-org -UserName team1-member-1 @Conn).PendingCancellationDate | Should -BeNullOrEmpty
    }

    It 'Get-CopilotSeat -Enterprise -InactiveDays 90 | Remove-CopilotUser -Enterprise: an organization''s grant is CopilotSeats.OrganizationAssigned, the enterprise''s own grant is cancelled' {
        $null = Add-CopilotUser -Enterprise octo-ent -UserName ent-user-5 -Force @Conn
        $login = (Get-CopilotSeat -Enterprise octo-ent -InactiveDays 90 @Conn |
                Where-Object { $_.Organization -eq 'octo-org' -and -not $_.AssigningTeam -and -not $_.PendingCancellationDate } | Select-Object -First 1).Login
        Clear-SimulatorLog $Sim
        $rows = { Get-CopilotSeat -Enterprise octo-ent -InactiveDays 90 @Conn | Where-Object Login -eq $login; Get-CopilotSeat -Enterprise octo-ent -UserName ent-user-5 @Conn }

        $out = @(& $rows | Remove-CopilotUser -Enterprise octo-ent -Force @Conn -ErrorVariable ev -ErrorAction SilentlyContinue)

        @($ev).Count | Should -Be 1
        Assert-ErrorRecord $ev[0] 'CopilotSeats.OrganizationAssigned' InvalidOperation $login
        $ev[0].ErrorDetails.RecommendedAction | Should -Match "Remove-CopilotUser -Organization octo-org -UserName $login(;|$)"
        Assert-Properties $out[0] @{ Enterprise = 'octo-ent'; SeatsChanged = 1 }
        Assert-OneSeatRequest $Sim DELETE '/enterprises/octo-ent/copilot/billing/selected_users' selected_usernames "$login,ent-user-5"
        @(Get-SimulatorRequests $Sim | Where-Object path -like '/orgs/*').Count | Should -Be 0
        (Get-CopilotSeat -Enterprise octo-ent -UserName ent-user-5 @Conn).PendingCancellationDate | Should -Not -BeNullOrEmpty
    }

    It 'writes the applied enterprise cancel before a 401 on the lookups after it stops the command' {
        $login = (Get-CopilotSeat -Enterprise octo-ent @Conn | Where-Object { $_.Organization -eq 'octo-org' -and -not $_.AssigningTeam -and -not $_.PendingCancellationDate } |
                Select-Object -First 1).Login
        Set-SimulatorFaults $Sim @{ script = @(@{ method = 'GET'; status = 401; times = 50 }) }
        try {
            $out = [System.Collections.Generic.List[object]]::new()
            $err = Get-ThrownError { Remove-CopilotUser -Enterprise octo-ent -UserName $login -Force @Conn | ForEach-Object { $out.Add($_) } }
        }
        finally { Set-SimulatorFaults $Sim @{} }
        Assert-Properties $out[0] @{ Enterprise = 'octo-ent'; SeatsChanged = 0 }
        $err.FullyQualifiedErrorId | Should -Match '^CopilotSeats.Http401'
    }

    It 'a failed batch is a non-terminating error and the next batch still goes' {
        # 132 names -> 2 requests; the first answers 500 (not retried for a change: it may have been applied).
        $names = @(Get-CopilotSeat -Organization octo-org @Conn | Where-Object { $_.Login -like 'user-*' } | Select-Object -ExpandProperty Login)
        $names += 1..20 | ForEach-Object { "no-seat-$_" }
        $names.Count | Should -BeGreaterThan 100
        Clear-SimulatorLog $Sim
        Set-SimulatorFaults $Sim @{ script = @(@{ method = 'POST'; pathContains = 'selected_users'; status = 500; times = 1 }) }

        $out = @($names | Add-CopilotUser -Organization octo-org -Force @Conn -ErrorVariable ev -ErrorAction SilentlyContinue)

        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'CopilotSeats.Http500*'
        $ev[0].TargetObject | Should -Be 'octo-org'
        $out.Count | Should -Be 1
        @(Get-SimulatorRequests $Sim -Method POST).Count | Should -Be 2
    }
}

Describe 'Add-CopilotTeam and Remove-CopilotTeam' {
    BeforeEach { Reset-Simulator $Sim }

    It 'Add-CopilotTeam team-2 in octo-org posts selected_teams and seats its members' {
        $change = Add-CopilotTeam -Organization octo-org -TeamName team-2 -Force @Conn
        $change.GetType().FullName | Should -Be 'CopilotSeats.CopilotSeatChange'
        Assert-Properties $change @{ Action = 'Add'; AssigneeType = 'Team'; SeatsChanged = 3 }
        Assert-OneSeatRequest $Sim POST '/orgs/octo-org/copilot/billing/selected_teams' selected_teams 'team-2'
        @(Get-CopilotSeat -Organization octo-org @Conn | Where-Object AssigningTeam -eq 'team-2').Count | Should -Be 3
    }

    It 'Remove-CopilotTeam team-1 -Force sends DELETE selected_teams and the members become pending cancellation' {
        $change = Remove-CopilotTeam -Organization octo-org -TeamName team-1 -Force @Conn
        Assert-Properties $change @{ Action = 'Remove'; AssigneeType = 'Team' }
        $change.SeatsChanged | Should -BeGreaterThan 0
        Assert-OneSeatRequest $Sim DELETE '/orgs/octo-org/copilot/billing/selected_teams' selected_teams 'team-1'
        (Get-CopilotSeat -Organization octo-org -UserName team1-member-1 @Conn).PendingCancellationDate | Should -Not -BeNullOrEmpty
    }

    It '<Command> -Enterprise octo-ent <Team> sends <Method> selected_enterprise_teams (EnterpriseTeam)' -ForEach @(
        @{ Command = 'Add-CopilotTeam'; Team = 'ent-team-2'; Method = 'POST'; Action = 'Add' }
        @{ Command = 'Remove-CopilotTeam'; Team = 'ent-team-1'; Method = 'DELETE'; Action = 'Remove' }
    ) {
        $change = & $Command -Enterprise octo-ent -TeamName $Team -Force @Conn
        Assert-Properties $change @{ AssigneeType = 'EnterpriseTeam'; Enterprise = 'octo-ent'; Action = $Action }
        Assert-OneSeatRequest $Sim $Method '/enterprises/octo-ent/copilot/billing/selected_enterprise_teams' selected_enterprise_teams $Team
    }

    It '<Command> <Bad>,<Good>: the unknown team gets its own error, the other is sent again and journaled Applied' -ForEach @(
        @{ Command = 'Add-CopilotTeam'; Bad = 'no-team-2'; Good = 'team-2' }
        @{ Command = 'Remove-CopilotTeam'; Bad = 'no-team-3'; Good = 'team-1' }
    ) {
        $journal = Join-Path $TestDrive "$Command.jsonl"
        $out = @(& $Command -Organization octo-org -TeamName $Bad, $Good -Force -JournalPath $journal @Conn -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($ev).Count | Should -Be 1
        Assert-ErrorRecord $ev[0] 'CopilotSeats.Http422' InvalidOperation $Bad
        $out.Requested | Should -Be $Good
        $out.SeatsChanged | Should -BeGreaterThan 0
        @(Get-CopilotSeatJournal -Path $journal | ForEach-Object { "$($_.Request):$($_.Name):$($_.Outcome)" }) |
            Should -Be @("2:${Good}:Applied", "1:${Good}:Refused", "1:${Bad}:Refused")
    }

    It 'team names come from the pipeline as strings, and by the <Property> property' -ForEach @(@{ Property = 'Team' }, @{ Property = 'TeamName' }) {
        $null = 'team-2', [pscustomobject]@{ $Property = 'team-3' } | Add-CopilotTeam -Organization octo-org -Force @Conn
        @(Get-SimulatorRequests $Sim -Method POST | ForEach-Object { (Get-RequestBody $_).selected_teams }) -join ',' | Should -Be 'team-2,team-3'
    }

    It 'any other object piped into <Command> is not bound (not sent as its text), one error each, and nothing is sent' -ForEach @(
        @{ Command = 'Remove-CopilotTeam'; Piped = { Get-CopilotSeat -Organization octo-org -UserName team1-member-2 @Conn } }
        @{ Command = 'Remove-CopilotUser'; Piped = { [guid]::NewGuid(), [pscustomobject]@{ Id = 'user-0001' } } }
    ) {
        $piped = @(& $Piped)
        Clear-SimulatorLog $Sim
        $out = @($piped | & $Command -Organization octo-org -Force @Conn -ErrorVariable ev -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        @($ev).Count | Should -Be $piped.Count
        $ev | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'InputObjectNotBound,*' }
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'team names come from the pipeline by their -Slug alias' {
        $null = [pscustomobject]@{ Slug = 'team-2' }, [pscustomobject]@{ Slug = 'team-3' } | Add-CopilotTeam -Organization octo-org -Force @Conn
        Assert-OneSeatRequest $Sim POST -Field selected_teams -Names 'team-2,team-3' -Sorted
    }
}

Describe 'Name validation' {
    BeforeAll {
        Reset-Simulator $Sim
        # Asserts $Command was refused at parameter binding by a validation attribute of the cmdlet class $Class.
        function Assert-Refused([string] $Class, [scriptblock] $Command) {
            $err = Get-ThrownError $Command
            $err | Should -Not -BeNullOrEmpty -Because "$Class must refuse the name"
            $err.Exception | Should -BeOfType ([System.Management.Automation.ParameterBindingException])
            $err.FullyQualifiedErrorId | Should -Match "^ParameterArgumentValidationError[^,]*,CopilotSeats\.Commands\.$Class$"
        }
    }
    BeforeEach { Clear-SimulatorLog $Sim }

    It 'refuses the user name <Display>, alone or after a valid one, and sends nothing' -ForEach ($BadNames + @{ Display = 'empty'; Value = '' } + @{ Display = "'-leading-hyphen'"; Value = '-leading-hyphen' }) {
        foreach ($cmd in 'Add-CopilotUser', 'Remove-CopilotUser') {
            Assert-Refused ($cmd.Replace('-', '') + 'Command') { & $cmd -Organization octo-org -UserName $Value -Force @Conn }
            Assert-Refused ($cmd.Replace('-', '') + 'Command') { & $cmd -Organization octo-org -UserName user-0001, $Value -Force @Conn }
        }
        Assert-Refused GetCopilotSeatCommand { Get-CopilotSeat -Organization octo-org -UserName $Value @Conn }
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'refuses the organization, enterprise or team <Display>' -ForEach $BadNames {
        Assert-Refused GetCopilotSeatCommand { Get-CopilotSeat -Organization $Value @Conn }
        Assert-Refused GetCopilotSeatCommand { Get-CopilotSeat -Enterprise $Value @Conn }
        Assert-Refused GetCopilotOrgDetailCommand { Get-CopilotOrgDetail -Organization $Value @Conn }
        Assert-Refused AddCopilotTeamCommand { Add-CopilotTeam -Organization octo-org -TeamName $Value -Force @Conn }
        Assert-Refused RemoveCopilotTeamCommand { Remove-CopilotTeam -Enterprise octo-ent -TeamName $Value -Force @Conn }
        Assert-Refused AddCopilotUserCommand { Add-CopilotUser -Organization $Value -UserName octocat -Force @Conn }
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'refuses an empty organization' {
        Assert-Refused GetCopilotOrgDetailCommand { Get-CopilotOrgDetail -Organization '' @Conn }
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'refuses every invalid name from the pipeline, one error each, and sends nothing (<Command>)' -ForEach @(@{ Command = 'Add-CopilotUser' }, @{ Command = 'Remove-CopilotUser' }) {
        $out = @('a/b', '..', "x`r`ny", '' | & $Command -Organization octo-org -Force @Conn -ErrorVariable ev -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        @($ev).Count | Should -Be 4
        foreach ($e in $ev[0..2]) {
            $e.Exception | Should -BeOfType ([System.Management.Automation.ParameterBindingException])
            $e.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
        }
        # An empty name from the pipeline is what a deleted account's seat brings: reported by the cmdlet, not at binding.
        Assert-ErrorRecord $ev[3] 'CopilotSeats.NoAssignee' 'InvalidData' 'octo-org'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'piped rows mixing an invalid and a valid name send only the valid one' {
        $out = @([pscustomobject]@{ Login = 'a/b' }, [pscustomobject]@{ Login = 'user-0005' } | Remove-CopilotUser -Organization octo-org -Force @Conn -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
        $out.Count | Should -Be 1
        Assert-OneSeatRequest $Sim DELETE -Field selected_usernames -Names 'user-0005'
    }
}

Describe 'Seat rows and plan rows piped into Add- and Remove-CopilotUser' {
    BeforeAll {
        Reset-Simulator $Sim
        $script:Rows = Get-EnterpriseSeatRows $Conn
    }
    BeforeEach { Clear-SimulatorLog $Sim }

    It 'an enterprise seat row without an organization (<Source>) is added in its enterprise, one naming its organization there' -ForEach @(
        @{ Source = 'Object'; Target = "enterprise 'octo-ent'" }, @{ Source = 'Csv'; Target = "enterprise 'octo-ent'" }, @{ Source = 'Both'; Target = "organization 'octo-org'" }
    ) {
        Get-WhatIfLines { $Rows[$Source] | Add-CopilotUser -WhatIf @Conn } | Should -Be "What if: Performing the operation `"Add Copilot seat`" on target `"user 'ent-user-1' in $Target`"."
    }

    It 'an enterprise team''s seat row (<Source>) is TeamAssigned with the enterprise team to remove' -ForEach @(@{ Source = 'Object' }, @{ Source = 'Csv' }) {
        $null = $Rows[$Source] | Remove-CopilotUser -Force @Conn -ErrorVariable ev -ErrorAction SilentlyContinue
        Assert-ErrorRecord $ev[0] 'CopilotSeats.TeamAssigned' InvalidOperation 'ent-user-1'
        $ev[0].ErrorDetails.RecommendedAction | Should -Be 'Remove-CopilotTeam -Enterprise octo-ent -TeamName ent-team-1'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'rows with an empty <Column> go to the session''s organization with one warning; rows naming theirs, none' -ForEach @(
        @{ Column = 'Organization'; Row = { param($Login) [pscustomobject]@{ Login = $Login; Organization = '' } } }
        @{ Column = 'Organization and Enterprise'; Row = { param($Login) [pscustomobject]@{ Login = $Login; Organization = ''; Enterprise = '' } } }
    ) {
        $null = Connect-Copilot -Organization octo-org @Conn
        try {
            $lines = Get-WhatIfLines { (& $Row 'no-seat-1'), (& $Row 'no-seat-2') | Add-CopilotUser -WhatIf 3>$null }
            $warnings = @((& $Row 'no-seat-1'), (& $Row 'no-seat-2') | Add-CopilotUser -WhatIf 3>&1)
            $named = @([pscustomobject]@{ Login = 'no-seat-3'; Organization = 'octo-org' } | Add-CopilotUser -WhatIf 3>&1)
        }
        finally { Disconnect-Copilot }
        $lines | Should -Be "What if: Performing the operation `"Add Copilot seat`" on target `"user 'no-seat-1' in organization 'octo-org'`".", "What if: Performing the operation `"Add Copilot seat`" on target `"user 'no-seat-2' in organization 'octo-org'`"."
        $warnings | Should -HaveCount 1
        "$warnings" | Should -BeLike "A piped row names no organization or enterprise*the session's organization octo-org*"
        $named | Should -HaveCount 0
    }

    It '<Command> takes only the plan rows of its own action, with one warning naming each other row''s login' -ForEach @(
        @{ Command = 'Remove-CopilotUser'; Method = 'DELETE'; Sent = 'user-0001'; Skipped = 'no-seat-1' }
        @{ Command = 'Add-CopilotUser'; Method = 'POST'; Sent = 'no-seat-1'; Skipped = 'user-0001' }
    ) {
        Reset-Simulator $Sim
        $plan = @(Compare-CopilotSeat -Organization octo-org -ReferenceUser octocat, no-seat-1 @Conn | Where-Object Login -in 'no-seat-1', 'user-0001')
        @($plan.Action | Sort-Object) | Should -Be 'Add', 'Remove'
        Clear-SimulatorLog $Sim
        $null = $plan | & $Command -Force -NoJournal @Conn -WarningVariable wv -WarningAction SilentlyContinue
        @($wv).Count | Should -Be 1
        "$wv" | Should -Match "^Skipped '$Skipped'.*Sync-CopilotSeat"
        Assert-OneSeatRequest $Sim $Method -Field selected_usernames -Names $Sent
    }

    It '<Command> -WhatIf reads a plan read back from JSON (Action a number) as the live plan' -ForEach @(@{ Command = 'Remove-CopilotUser' }, @{ Command = 'Add-CopilotUser' }) {
        $plan = Get-LabPlan $Conn
        $plan.Json[0].Action | Should -BeOfType [long]
        $live, $json = foreach ($rows in $plan.Live, $plan.Json) {
            $warnings = [System.Collections.Generic.List[string]]::new()
            $lines = Get-WhatIfLines { $rows | & $Command -WhatIf @Conn -WarningVariable wv -WarningAction SilentlyContinue; $warnings.AddRange([string[]]@($wv.Message)) }
            , @($lines + $warnings)
        }
        $json | Should -Be $live
        @($live -like 'Skipped*').Count | Should -BeGreaterThan 0
    }
}
