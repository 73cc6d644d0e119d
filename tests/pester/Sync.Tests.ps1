# Desired state: Compare-CopilotSeat plans, Sync-CopilotSeat applies (a reference set or a plan read back from CSV),
# the guards that stop a run before anything is sent, -WhatIf, and a second run that plans nothing.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession
    # The seeded octo-org: direct active seats octocat, mona_octo, user-0001 ... user-0110; six seats from team-1;
    # user-0111 and user-0112 pending cancellation.
    $script:Direct = @('octocat', 'mona_octo') + @(1..110 | ForEach-Object { 'user-{0:0000}' -f $_ })
    # All of them but three leavers, plus two newcomers (any case) and the pending user-0111 (to restore).
    $script:Reference = @($Direct | Where-Object { $_ -notin 'user-0001', 'user-0002', 'user-0003' }) + 'no-seat-1', 'NO-SEAT-2', 'user-0111'

    function Format-Plan($Plan) { (@($Plan | Group-Object { "$($_.Action)" } | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ' ') }
    function Get-MutationSummary { @(Get-MutationRequests $Sim | ForEach-Object { "$($_.method) " + (@((Get-RequestBody $_).selected_usernames | Sort-Object) -join ',') }) }
}

AfterAll {
    Stop-TestSimulator $Sim
}

Describe 'Compare-CopilotSeat' {
    BeforeEach { Reset-Simulator $Sim }

    It 'plans every login that needs attention from one listing, GET only; duplicates and blanks are one warning' {
        $plan = @(@($Reference) + '', 'OCTOCAT' | Compare-CopilotSeat -Organization octo-org @Conn -WarningVariable wv -WarningAction SilentlyContinue)
        $plan[0].GetType().FullName | Should -Be 'CopilotSeats.CopilotSeatPlanItem'
        Format-Plan $plan | Should -Be 'Add=2 Conflict=6 Remove=3 Restore=1 Skip=1'
        (@($plan | Where-Object { "$($_.Action)" -eq 'Remove' } | ForEach-Object Login) -join ',') | Should -Be 'user-0001,user-0002,user-0003'
        $conflict = $plan | Where-Object { "$($_.Action)" -eq 'Conflict' } | Select-Object -First 1
        Assert-Properties $conflict @{ AssigningTeam = 'team-1'; Organization = 'octo-org' }
        $conflict.Reason | Should -Match "team 'team-1'.*Remove-CopilotTeam -Organization octo-org -TeamName team-1"
        @($wv).Count | Should -Be 1
        "$wv" | Should -Match '1 duplicate name and 1 blank name'
        @(Get-SimulatorRequests $Sim | Where-Object { $_.method -ne 'GET' -or $_.path -ne '/orgs/octo-org/copilot/billing/seats' }).Count | Should -Be 0
        @(Get-SimulatorRequests $Sim).Count | Should -Be 2   # 120 seats: two pages of 100
    }

    It 'takes the members of a team, read from the REST API, as the reference; -IncludeEqual adds Keep' {
        $headers = @{ Authorization = "Bearer $CanaryToken" }
        $members = foreach ($page in 1, 2) { Invoke-RestMethod -Uri "$($Sim.Url)/orgs/octo-org/teams/team-2/members?per_page=2&page=$page" -Headers $headers | ForEach-Object { $_ } }
        @($members).Count | Should -Be 3
        $plan = @($members + [pscustomobject]@{ UserName = 'octocat' } | Compare-CopilotSeat -Organization octo-org -IncludeEqual @Conn)
        (@($plan | Where-Object { "$($_.Action)" -in 'Add', 'Keep' } | ForEach-Object { "$($_.Action) $($_.Login)" }) -join ',') |
            Should -Be 'Keep octocat,Add no-seat-1,Add no-seat-2,Add no-seat-3'
    }
}

Describe 'Reference users as objects' {
    It 'binds objects with a login as their login: <Case>' -ForEach @(
        @{ Case = 'a JSON array piped as one object'; Piped = $true }
        @{ Case = '-ReferenceUser objects and hashtables'; Piped = $false }
    ) {
        $members = Invoke-RestMethod -Uri "$($Sim.Url)/orgs/octo-org/teams/team-2/members" -Headers @{ Authorization = "Bearer $CanaryToken" }
        $ref = @($members) + @{ Login = 'octocat' }
        $plan = if ($Piped) { Write-Output $ref -NoEnumerate | Compare-CopilotSeat -Organization octo-org -IncludeEqual @Conn -ErrorVariable errs }
            else { Compare-CopilotSeat -ReferenceUser $ref -Organization octo-org -IncludeEqual @Conn -ErrorVariable errs }
        @($errs).Count | Should -Be 0
        (@($plan | Where-Object { "$($_.Action)" -in 'Add', 'Keep' } | ForEach-Object { "$($_.Action) $($_.Login)" } | Sort-Object) -join ',') |
            Should -Be 'Add no-seat-1,Add no-seat-2,Add no-seat-3,Keep octocat'
    }
}

Describe 'An enterprise plan' {
    BeforeEach { Reset-Simulator $Sim }

    It 'names the enterprise team of a Conflict, and its CSV rows (Organization and Enterprise set) go back to the enterprise' {
        $csv = Join-Path $TestDrive 'ent-plan.csv'
        $null = Add-CopilotUser -Enterprise octo-ent -UserName ent-user-5, ent-user-6 -Force -NoJournal @Conn # enterprise-level grants
        $plan = @(Compare-CopilotSeat -ReferenceUser octocat -Enterprise octo-ent @Conn)
        $conflicts = @($plan | Where-Object Login -like 'ent-user-[1-4]')
        (@($conflicts | ForEach-Object { "$($_.Action) $($_.Enterprise) $($_.AssigningTeam)" } | Sort-Object -Unique)) | Should -Be 'Conflict octo-ent ent-team-1'
        $conflicts.Count | Should -Be 4
        $conflicts[0].Reason | Should -Match 'Remove-CopilotTeam -Enterprise octo-ent -TeamName ent-team-1'
        $plan | Export-Csv -LiteralPath $csv -NoTypeInformation
        Clear-SimulatorLog $Sim
        $null = Import-Csv -LiteralPath $csv | Where-Object Login -in 'ent-user-5', 'ent-user-6' | Sync-CopilotSeat -Force @Conn
        Assert-OneSeatRequest $Sim DELETE '/enterprises/octo-ent/copilot/billing/selected_users' selected_usernames 'ent-user-5,ent-user-6' -Sorted
    }

    It 'plans an organization''s direct grant as a Conflict naming Remove-CopilotUser -Organization, never the enterprise DELETE' {
        $item = @(Compare-CopilotSeat -ReferenceUser octocat -Enterprise octo-ent @Conn | Where-Object Login -eq 'user-0004')
        "$($item.Action)" | Should -Be 'Conflict'
        $item.Reason | Should -Match 'Remove-CopilotUser -Organization octo-org -UserName user-0004; Remove-CopilotUser -Organization octo-lab -UserName user-0004'
    }

    It 'decides a login once from all its grants, so a second Sync with the same reference sends nothing' {
        # user-0001 and user-0002 hold organization grants only (Conflict); ent-user-5 holds the enterprise's own grant; user-0027 is pending in octo-lab only.
        $null = Add-CopilotUser -Enterprise octo-ent -UserName ent-user-5 -Force -NoJournal @Conn
        $ref = @(Get-CopilotSeat -Enterprise octo-ent @Conn | ForEach-Object Login | Sort-Object -Unique | Where-Object { $_ -notin 'user-0001', 'user-0002', 'ent-user-5' })
        $plan = @($ref | Compare-CopilotSeat -Enterprise octo-ent -IncludeEqual @Conn)
        @($plan | Group-Object Login | Where-Object Count -gt 1).Count | Should -Be 0
        "$(($plan | Where-Object Login -eq 'user-0027').Action)" | Should -Be 'Keep'
        (@($plan | Where-Object Login -in 'user-0001', 'user-0002' | ForEach-Object { "$($_.Action)" }) -join ',') | Should -Be 'Conflict,Conflict'
        Clear-SimulatorLog $Sim
        $null = $ref | Sync-CopilotSeat -Enterprise octo-ent -Force @Conn -WarningAction SilentlyContinue
        Get-MutationSummary | Should -Be 'POST user-0111,user-0112', 'DELETE ent-user-5'
        Clear-SimulatorLog $Sim
        $null = $ref | Sync-CopilotSeat -Enterprise octo-ent -Force @Conn -WarningAction SilentlyContinue
        @(Get-MutationRequests $Sim).Count | Should -Be 0
    }
}

Describe 'Sync-CopilotSeat' {
    BeforeEach {
        Reset-Simulator $Sim
        $script:Csv = Join-Path $TestDrive 'plan.csv'
        $Reference | Compare-CopilotSeat -Organization octo-org @Conn | Export-Csv -LiteralPath $Csv -NoTypeInformation
        Clear-SimulatorLog $Sim
    }

    It 'applies a plan read back from CSV (Conflict and Skip as warnings); a second run plans nothing' {
        $changes = @(Import-Csv -LiteralPath $Csv | Sync-CopilotSeat -Force @Conn -WarningVariable wv -WarningAction SilentlyContinue)
        $changes[0].GetType().FullName | Should -Be 'CopilotSeats.CopilotSeatChange'
        (@($changes | ForEach-Object { "$($_.Action) $($_.SeatsChanged)" }) -join ',') | Should -Be 'Add 3,Remove 3'
        Get-MutationSummary | Should -Be 'POST no-seat-1,NO-SEAT-2,user-0111', 'DELETE user-0001,user-0002,user-0003'
        @($wv | Where-Object { $_ -match "^Conflict 'team1-member-\d' in the organization octo-org: .*Remove-CopilotTeam" }).Count | Should -Be 6
        @($wv | Where-Object { $_ -match "^Skip 'user-0112' .*already pending cancellation" }).Count | Should -Be 1
        # One run in the journal, every name applied; Undo-CopilotSeatChange reverses it.
        @($changes.RunId | Sort-Object -Unique).Count | Should -Be 1
        $entries = @(Get-CopilotSeatJournal -RunId $changes[0].RunId)
        (@($entries | Sort-Object Name | ForEach-Object { "$($_.Command) $($_.Action) $($_.Name) $($_.Outcome)" }) -join ',') |
            Should -Be ('Sync-CopilotSeat Add no-seat-1 Applied,Sync-CopilotSeat Add NO-SEAT-2 Applied,Sync-CopilotSeat Remove user-0001 Applied,' +
                'Sync-CopilotSeat Remove user-0002 Applied,Sync-CopilotSeat Remove user-0003 Applied,Sync-CopilotSeat Add user-0111 Applied')

        Clear-SimulatorLog $Sim
        @($Reference | Sync-CopilotSeat -Organization octo-org -Force @Conn -WarningAction SilentlyContinue).Count | Should -Be 0
        @(Get-MutationRequests $Sim).Count | Should -Be 0
    }

    It 'skips, with a warning, a plan row whose situation changed since the plan was made' {
        $null = Add-CopilotUser -Organization octo-org -UserName no-seat-1 -Force @Conn
        $null = Remove-CopilotUser -Organization octo-org -UserName user-0001 -Force @Conn
        Clear-SimulatorLog $Sim
        $null = Import-Csv -LiteralPath $Csv | Sync-CopilotSeat -Force @Conn -WarningVariable wv -WarningAction SilentlyContinue
        Get-MutationSummary | Should -Be 'POST NO-SEAT-2,user-0111', 'DELETE user-0002,user-0003'
        "$wv" | Should -Match "Skipped 'no-seat-1' in the organization octo-org: the plan says Add, but planning it now gives Keep"
        "$wv" | Should -Match "Skipped 'user-0001' in the organization octo-org: the plan says Remove, but planning it now gives Skip"
    }

    It 'stops before sending when the plan removes more than <Limit>: <Why>' -ForEach @(
        @{ Why = 'the default, 10 % of 120 seats'; Leavers = 13; Extra = @{}; Limit = 12; Message = 'cancels 13 of the 120 seats in the organization octo-org, more than the default -MaximumRemoval 12' }
        @{ Why = '-MaximumRemoval, which -Force does not pass'; Leavers = 3; Extra = @{ MaximumRemoval = 2 }; Limit = 2; Message = 'cancels 3 of the 120 seats .* more than -MaximumRemoval 2\.' }
    ) {
        $keep = @($Direct | Select-Object -Skip $Leavers)
        $err = Get-ThrownError { $keep | Sync-CopilotSeat -Organization octo-org -Force @Extra @Conn -WarningAction SilentlyContinue }
        Assert-ErrorRecord $err 'CopilotSeats.TooManyRemovals' 'LimitsExceeded' 'octo-org'
        $err.Exception.Message | Should -Match $Message
        $err.ErrorDetails.RecommendedAction | Should -Match "-MaximumRemoval $Leavers"
        @(Get-MutationRequests $Sim).Count | Should -Be 0
        @($keep | Sync-CopilotSeat -Organization octo-org -MaximumRemoval $Leavers -Force @Conn -WarningAction SilentlyContinue).Count | Should -Be 1
    }

    It 'stops on -Organization and -Enterprise typed together (<Case>) before any request' -ForEach @(
        @{ Case = 'a reference'; Command = { Sync-CopilotSeat -ReferenceUser octocat -Organization octo-org -Enterprise octo-ent -Force @Conn } }
        @{ Case = 'a plan'; Command = { Import-Csv -LiteralPath $Csv | Sync-CopilotSeat -Organization octo-org -Enterprise octo-ent -Force @Conn } }
    ) {
        $err = Get-ThrownError $Command
        Assert-ErrorRecord $err 'CopilotSeats.AmbiguousTarget' 'InvalidArgument' 'octo-ent'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'stops input that mixes plan items and reference users with CopilotSeats.MixedInput naming the target, before any change' {
        $rows = @([pscustomobject]@{ Login = 'user-0001'; Action = 'Keep' }, [pscustomobject]@{ Login = 'user-0002' })
        Assert-ErrorRecord (Get-ThrownError { $rows | Sync-CopilotSeat -Organization octo-org -Force @Conn }) 'CopilotSeats.MixedInput' 'InvalidArgument' 'octo-org'
        @(Get-MutationRequests $Sim).Count | Should -Be 0
    }

    It 'stops on an empty reference before any request; -AllowEmptyReference still meets the removal guard' {
        Assert-ErrorRecord (Get-ThrownError { @() | Sync-CopilotSeat -Organization octo-org -Force @Conn }) 'CopilotSeats.EmptyReference' 'InvalidData' 'octo-org'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
        $err = Get-ThrownError { Sync-CopilotSeat -ReferenceUser @() -Organization octo-org -AllowEmptyReference -Force @Conn -WarningAction SilentlyContinue }
        Assert-ErrorRecord $err 'CopilotSeats.TooManyRemovals'
        @(Get-MutationRequests $Sim).Count | Should -Be 0
    }

    It '-WhatIf prints the plan, then stops with <Id>' -ForEach @(
        @{ Id = 'CopilotSeats.TooManyRemovals'; Leavers = 13 }
        @{ Id = 'CopilotSeats.EmptyReference'; Leavers = 112 }
    ) {
        $transcript = Join-Path $TestDrive "$Id.txt"
        Start-Transcript -Path $transcript | Out-Null
        try { $err = Get-ThrownError { @($Direct | Select-Object -Skip $Leavers) | Sync-CopilotSeat -Organization octo-org -WhatIf @Conn -WarningAction SilentlyContinue } }
        finally { Stop-Transcript | Out-Null }
        Assert-ErrorRecord $err $Id
        @(Select-String -Path $transcript -Pattern 'What if: .*"Cancel Copilot seat"').Count | Should -Be $Leavers
        @(Get-MutationRequests $Sim).Count | Should -Be 0
    }

    It 'stops <Command> with NoInputBound, before any request, when piped input binds nothing: <Case>' -ForEach @(
        @{ Command = 'Sync-CopilotSeat'; Case = 'an empty upstream, even with -AllowEmptyReference'; Rows = @(); Extra = @{ WhatIf = $true; AllowEmptyReference = $true } }
        @{ Command = 'Sync-CopilotSeat'; Case = 'plan rows whose Action is no plan action, with -AllowEmptyReference'; Rows = @([pscustomobject]@{ Login = 'user-0005'; Organization = 'octo-org'; Action = 9 }); Extra = @{ WhatIf = $true; AllowEmptyReference = $true } }
        @{ Command = 'Compare-CopilotSeat'; Case = 'an empty upstream'; Rows = @(); Extra = @{} }
        @{ Command = 'Compare-CopilotSeat'; Case = 'a $null upstream (a property of no object)'; Rows = (@() | Where-Object { $_ }).Login; Extra = @{} }
        @{ Command = 'Compare-CopilotSeat'; Case = 'rows without Login or UserName, and names no login can be'; Rows = @([pscustomobject]@{ Email = 'a@example.com' }, 'a@example.com'); Extra = @{} }
        @{ Command = 'Sync-CopilotSeat'; Case = 'rows without Login or UserName, with -AllowEmptyReference'; Rows = @([pscustomobject]@{ Foo = 1 }); Extra = @{ Force = $true; AllowEmptyReference = $true } }
    ) {
        $err = Get-ThrownError { $Rows | & $Command -Organization octo-org @Extra @Conn -ErrorAction SilentlyContinue }
        Assert-ErrorRecord $err 'CopilotSeats.NoInputBound' 'InvalidData' 'octo-org'
        $err.ErrorDetails.RecommendedAction | Should -Match '-ReferenceUser @\(\)'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'a plan read back from JSON (Action a number) plans the plan''s own target, with the live plan''s What if lines' {
        $plan = Get-LabPlan $Conn
        Clear-SimulatorLog $Sim
        $live, $json = foreach ($rows in $plan.Live, $plan.Json) { , @(Get-WhatIfLines { $rows | Sync-CopilotSeat -WhatIf -MaximumRemoval 30 @Conn -WarningAction SilentlyContinue }) }
        $json | Should -Be $live
        @($live -like "*in organization 'octo-lab'*").Count | Should -Be $live.Count
        @(Get-SimulatorRequests $Sim | Where-Object path -ne '/orgs/octo-lab/copilot/billing/seats').Count | Should -Be 0
    }

    It '-IncludeEqual writes each kept seat as a verbose line and sends nothing for it' {
        $out = @($Direct | Sync-CopilotSeat -Organization octo-org -IncludeEqual -Force @Conn -Verbose 4>&1 3>$null)
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match "^Keep user '.+' in organization 'octo-org': In the reference set" }).Count |
            Should -Be $Direct.Count
        @(Get-MutationRequests $Sim).Count | Should -Be 0
    }

    It '-WhatIf sends no change, from a reference set or a plan' {
        @($Reference | Sync-CopilotSeat -Organization octo-org -WhatIf @Conn -WarningAction SilentlyContinue 6>$null).Count | Should -Be 0
        @(Import-Csv -LiteralPath $Csv | Sync-CopilotSeat -WhatIf -Force @Conn -WarningAction SilentlyContinue).Count | Should -Be 0
        @(Get-SimulatorRequests $Sim -Method GET).Count | Should -Be 4
        @(Get-MutationRequests $Sim).Count | Should -Be 0
    }
}
