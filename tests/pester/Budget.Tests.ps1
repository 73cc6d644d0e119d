# Per-user AI-credit budgets: Get-, Set- and Remove-CopilotBudget against the simulator's budgets API.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'AppHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession
    function Set-Budget([string[]] $UserName, [int] $AmountUsd) { Set-CopilotBudget -Organization octo-org -UserName $UserName -AmountUsd $AmountUsd -Confirm:$false @Conn }
    function Connect-As([string] $Plain) { @{ ApiUrl = $Sim.Url; Token = (ConvertTo-TestSecureString $Plain) } }
}

AfterAll {
    Stop-TestSimulator $Sim
}

Describe 'Set-CopilotBudget' {
    BeforeEach { Reset-Simulator $Sim }

    It 'creates 250 budgets from Get-CopilotSeat, and a second identical run sends nothing' {
        Reset-Simulator $Sim @{ seats = 250 }
        $seats = @(Get-CopilotSeat -Organization octo-org @Conn | Select-Object -First 250)
        $first = @($seats | Set-CopilotBudget -AmountUsd 10 -ThrottleLimit 16 -Confirm:$false @Conn)
        @($first | Where-Object Result -eq 'Created').Count | Should -Be 250
        @(Get-SimulatorRequests $Sim -Method POST).Count | Should -Be 250
        @(Get-SimulatorRequests $Sim -Method POST | ForEach-Object { (Get-RequestBody $_).user } | Sort-Object -Unique).Count | Should -Be 250
        Clear-SimulatorLog $Sim
        $second = @($seats | Set-CopilotBudget -AmountUsd 10 -Confirm:$false @Conn)
        @($second | Where-Object Result -eq 'Unchanged').Count | Should -Be 250
        @(Get-MutationRequests $Sim).Count | Should -Be 0
    }

    It 'updates the budget that exists with one PATCH, never a second budget' {
        $null = Set-Budget user-0001 5
        $change = Set-Budget user-0001 7
        Assert-Properties $change @{ Result = 'Updated'; OldAmountUsd = 5; AmountUsd = 7; UserName = 'user-0001' }
        @(Get-SimulatorRequests $Sim -Method PATCH).Count | Should -Be 1
        @(Get-CopilotBudget -Organization octo-org -Scope User @Conn).Count | Should -Be 1
    }

    It 'reports a user GitHub refuses as its own error, with GitHub''s words, and sets the others' {
        $changes = Set-CopilotBudget -Organization octo-org -UserName user-0001, nobody-here -AmountUsd 2 -ErrorVariable failures -ErrorAction SilentlyContinue @Conn
        @($changes).UserName | Should -Be 'user-0001'
        Assert-ErrorRecord $failures[0] 'CopilotSeats.Http422' 'InvalidOperation' 'nobody-here'
        $failures[0].Exception.Message | Should -Match 'is not a member of the organization'
    }

    It '-ErrorAction Stop with -ThrottleLimit 2 writes the budget created beside the refused one and sends no request after it' {
        try { Set-CopilotBudget -Organization octo-org -UserName nobody-here, user-0001, user-0002 -AmountUsd 3 -ThrottleLimit 2 -Force -ErrorAction Stop -OutVariable ov @Conn | Out-Null } catch { $err = $_ }
        Assert-ErrorRecord $err 'CopilotSeats.Http422' InvalidOperation 'nobody-here'
        Assert-Properties $ov @{ UserName = 'user-0001'; Result = 'Created' }
        @(Get-SimulatorRequests $Sim -Method POST | ForEach-Object { (Get-RequestBody $_).user } | Sort-Object) | Should -Be @('nobody-here', 'user-0001')
    }

    It 'stops at a rejected token (401) with one terminating error, as Add-CopilotUser does, and sends no further budget' {
        Set-SimulatorFaults $Sim @{ script = @(@{ method = 'POST'; pathContains = 'budgets'; status = 401 }) }
        $err = Get-ThrownError { Set-CopilotBudget -Organization octo-org -UserName user-0001, user-0002, user-0003 -AmountUsd 2 -ThrottleLimit 1 -Confirm:$false @Conn }
        Assert-ErrorRecord $err 'CopilotSeats.Http401' 'AuthenticationError' 'user-0001'
        @(Get-SimulatorRequests $Sim -Method POST).Count | Should -Be 1
    }

    It 'gives a user piped from the enterprise listing one enterprise budget, whichever organizations granted the seat' {
        Register-SimulatorToken $Sim -Token 'ghp_budget_owner' -Kind classic -Scopes 'manage_billing:copilot', 'manage_billing:enterprise', 'read:enterprise'
        $owner = Connect-As 'ghp_budget_owner'
        $rows = @(Get-CopilotSeat -Enterprise octo-ent @owner | Where-Object Login -eq user-0001)
        $rows.Count | Should -BeGreaterThan 1
        Assert-Properties ($rows | Set-CopilotBudget -AmountUsd 10 -Confirm:$false @owner) @{ Enterprise = 'octo-ent'; Result = 'Created' }
        @(Get-SimulatorRequests $Sim -Method POST).path | Should -Be '/enterprises/octo-ent/settings/billing/budgets'
        Assert-Properties ($rows | Get-CopilotBudget @owner) @{ Enterprise = 'octo-ent'; AppliedScope = 'User'; AmountUsd = 10 }
        $rows | Remove-CopilotBudget -Force @owner
        @(Get-SimulatorRequests $Sim -Method DELETE).path | Should -BeLike '/enterprises/octo-ent/*'
    }

    It 'gives ent-user-1 piped as <Source> its enterprise budget' -ForEach @(@{ Source = 'Object' }, @{ Source = 'Csv' }) {
        Register-SimulatorToken $Sim -Token 'ghp_budget_owner' -Kind classic -Scopes 'manage_billing:copilot', 'manage_billing:enterprise', 'read:enterprise'
        $owner = Connect-As 'ghp_budget_owner'
        $row = (Get-EnterpriseSeatRows $owner)[$Source]
        Clear-SimulatorLog $Sim
        Assert-Properties ($row | Set-CopilotBudget -AmountUsd 3 -Force -NoJournal @owner) @{ Enterprise = 'octo-ent'; UserName = 'ent-user-1'; Result = 'Created' }
        @(Get-SimulatorRequests $Sim -Method POST).path | Should -Be '/enterprises/octo-ent/settings/billing/budgets'
        Assert-Properties ($row | Get-CopilotBudget @owner) @{ Enterprise = 'octo-ent'; AppliedScope = 'User'; AmountUsd = 3 }
    }

    It 'answers a piped seat of a deleted account (Login null or empty) with CopilotSeats.NoAssignee and goes on (<Command>)' -ForEach @(
        @{ Command = 'Set-CopilotBudget'; Params = @{ AmountUsd = 5; Force = $true; NoJournal = $true } }
        @{ Command = 'Get-CopilotBudget'; Params = @{} }
        @{ Command = 'Remove-CopilotBudget'; Params = @{ Force = $true; NoJournal = $true } }
    ) {
        $null = Set-Budget user-0002 3
        Clear-SimulatorLog $Sim
        $gone = [CopilotSeats.CopilotSeat]@{ Organization = 'octo-org' }, [pscustomobject]@{ Login = ''; Organization = 'octo-org'; Enterprise = '' }
        $null = $gone + [pscustomobject]@{ Login = 'user-0002'; Organization = 'octo-org' } | & $Command @Params @Conn -ErrorVariable ev -ErrorAction SilentlyContinue
        @($ev).Count | Should -Be 2
        foreach ($e in $ev) {
            Assert-ErrorRecord $e 'CopilotSeats.NoAssignee' 'InvalidData' 'octo-org'
            "$e" | Should -Match 'deleted account'
        }
        @(Get-SimulatorRequests $Sim | Where-Object { $_.path -like '*/budgets*' }).Count | Should -BeGreaterThan 0 -Because 'user-0002 goes on'
    }

    It 'skips a piped budget without a user with its own error and sets the budgets after it' {
        $null = Set-Budget user-0001 4
        $null = Set-CopilotBudget -Organization octo-org -AllUsers -AmountUsd 9 -Force -NoJournal @Conn
        $budgets = @(Get-CopilotBudget -Organization octo-org @Conn | Sort-Object { $_.Scope -ne 'AllUsers' })
        $changes = $budgets | Set-CopilotBudget -AmountUsd 6 -Force -NoJournal -ErrorVariable failures -ErrorAction SilentlyContinue @Conn
        Assert-Properties $changes @{ UserName = 'user-0001'; AmountUsd = 6; Result = 'Updated' }
        Assert-ErrorRecord $failures[0] 'CopilotSeats.NoBudgetTarget' 'InvalidArgument' $budgets[0].Id
    }

    It 'sends no change under -WhatIf' {
        $null = Set-CopilotBudget -Organization octo-org -UserName user-0001, user-0002 -AmountUsd 5 -WhatIf @Conn
        @(Get-MutationRequests $Sim).Count | Should -Be 0
    }

    It 'sets each row''s own AmountUsd from a spreadsheet, refuses a row''s bad amount alone, and keeps a typed amount for every user' {
        $csv = Join-Path $TestDrive 'budgets.csv'
        @([pscustomobject]@{ UserName = 'user-0001'; AmountUsd = '5' }, [pscustomobject]@{ UserName = 'user-0002'; AmountUsd = '12' },
            [pscustomobject]@{ UserName = 'user-0003'; AmountUsd = '2.5' }, [pscustomobject]@{ UserName = 'user-0001'; AmountUsd = '9' }) |
            Export-Csv $csv -NoTypeInformation
        $changes = @(Import-Csv $csv | Set-CopilotBudget -Organization octo-org -Confirm:$false @Conn -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings 3>$null)
        ($changes | Sort-Object UserName | ForEach-Object { "$($_.UserName)=$($_.AmountUsd)" }) -join ' ' | Should -Be 'user-0001=5 user-0002=12'
        Assert-ErrorRecord $failures[0] 'CopilotSeats.InvalidAmount' 'InvalidArgument' 'user-0003'
        ($warnings -join ' ') | Should -Match "'user-0001' .* AmountUsd 9; the first amount, 5, is kept"
        $typed = @(Import-Csv $csv | Select-Object -First 2 | Set-CopilotBudget -Organization octo-org -AmountUsd 7 -Confirm:$false @Conn)
        $typed.AmountUsd | Should -Be @(7, 7)
    }

    It 'stops before any request on amount <Amount>' -ForEach @(@{ Amount = '-1' }, @{ Amount = '10.5' }) {
        $err = Get-ThrownError { Set-CopilotBudget -Organization octo-org -UserName user-0001 -AmountUsd $Amount @Conn }
        Assert-ErrorRecord $err 'CopilotSeats.InvalidAmount' 'InvalidArgument'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }
}

Describe 'Get-CopilotBudget' {
    BeforeEach { Reset-Simulator $Sim }

    It 'explains who is blocked: own budget, all-users budget, none' {
        $null = Set-Budget user-0001 0
        $none = Get-CopilotBudget -Organization octo-org -UserName user-0002 @Conn
        Assert-Properties $none @{ AppliedScope = 'None'; Blocked = $false; AmountUsd = $null }
        $null = Set-CopilotBudget -Organization octo-org -AllUsers -AmountUsd 1000 -Confirm:$false @Conn
        $users = @(Get-CopilotSeat -Organization octo-org -UserName user-0001, user-0002 @Conn | Get-CopilotBudget @Conn)
        $users[0].GetType().FullName | Should -Be 'CopilotSeats.CopilotUserBudget'
        Assert-Properties $users[0] @{ UserName = 'user-0001'; AppliedScope = 'User'; AmountUsd = 0; Blocked = $true; RemainingUsd = 0 }
        Assert-Properties $users[1] @{ UserName = 'user-0002'; AppliedScope = 'AllUsers'; AmountUsd = 1000; Blocked = $false }
    }

    It 'answers a piped bare login with CopilotSeats.NoBudgetTarget naming it, not every budget (<Command>)' -ForEach @(
        @{ Command = 'Get-CopilotBudget'; Run = { 'user-0001' | Get-CopilotBudget -Organization octo-org -ErrorVariable failures -ErrorAction SilentlyContinue @Conn } }
        @{ Command = 'Set-CopilotBudget'; Run = { 'user-0001' | Set-CopilotBudget -Organization octo-org -AmountUsd 5 -WhatIf -ErrorVariable failures -ErrorAction SilentlyContinue @Conn } }
    ) {
        . $Run | Should -BeNullOrEmpty
        Assert-ErrorRecord $failures[0] 'CopilotSeats.NoBudgetTarget' 'InvalidArgument' 'user-0001'
        $failures[0].Exception.Message | Should -Match "'user-0001'"
    }

    It 'stops Set-CopilotBudget without users or -AllUsers with CopilotSeats.NoBudgetTarget naming the organization' {
        Assert-ErrorRecord (Get-ThrownError { Set-CopilotBudget -Organization octo-org -AmountUsd 5 -Force @Conn }) 'CopilotSeats.NoBudgetTarget' 'InvalidArgument' 'octo-org'
    }

    It 'lists the AI-credit budgets with GitHub''s names, every page' {
        $own = Connect-As 'sim_budget_pages' # the process's points budget for $Conn's token is spent by the 250 creates above
        $null = Set-CopilotBudget -Organization octo-org -UserName (1..105 | ForEach-Object { 'user-{0:0000}' -f $_ }) -AmountUsd 3 -Confirm:$false @own
        $budgets = @(Get-CopilotBudget -Organization octo-org @own)
        $budgets.Count | Should -Be 105
        Assert-Properties $budgets[0] @{ Scope = 'User'; Sku = 'ai_credits'; PricingType = 'BundlePricing'; AmountUsd = 3; PreventFurtherUsage = $true; Organization = 'octo-org' }
        @(Get-SimulatorRequests $Sim -Method GET | Where-Object path -like '*/budgets').Count | Should -BeGreaterOrEqual 2
    }

    It 'names the role on a 403 and the billing feature on a 404' {
        $member = Connect-As 'sim_member_1'
        $err = Get-ThrownError { Get-CopilotBudget -Organization octo-org -ErrorAction Stop @member }
        Assert-ErrorRecord $err 'CopilotSeats.Http403' 'PermissionDenied'
        $err.Exception.Message | Should -Match 'organization admin or billing manager'
        $err = Get-ThrownError { Get-CopilotBudget -Organization octo-org -UserName user-0001, user-0002, user-0003 -ThrottleLimit 1 @member }
        Assert-ErrorRecord $err 'CopilotSeats.Http403' 'PermissionDenied'
        @(Get-SimulatorRequests $Sim -Method GET | Where-Object query -like '*user=*').Count | Should -BeLessThan 3 -Because 'a 403 is the same for every user: said once, the run stops'
        Set-SimulatorFaults $Sim @{ budgets = @{ disabledFor = @('octo-org') } }
        $err = Get-ThrownError { Get-CopilotBudget -Organization octo-org -ErrorAction Stop @Conn }
        Assert-ErrorRecord $err 'CopilotSeats.Http404' 'ObjectNotFound'
        $err.Exception.Message | Should -Match 'usage-based billing'
    }

    It 'names the permission a fine-grained token lacks' {
        Register-SimulatorToken $Sim -Token 'github_pat_budget_test' -Kind 'fine-grained' -Permissions @{ organization_copilot_seat_management = 'write' }
        $fineGrained = Connect-As 'github_pat_budget_test'
        $err = Get-ThrownError { Get-CopilotBudget -Organization octo-org -ErrorAction Stop @fineGrained }
        Assert-ErrorRecord $err 'CopilotSeats.Http403' 'PermissionDenied'
        $err.Exception.Message | Should -Match "permission 'Administration' \(read\)"
    }
}

Describe 'Per-user answers streamed from the pipeline' {
    BeforeAll {
        Reset-Simulator $Sim
        $logins = @(Get-CopilotSeat -Organization octo-org @Conn | Select-Object -First 40 -ExpandProperty Login)
        $script:Spenders = @(Get-CopilotCreditUsage -Organization octo-org -UserName $logins @Conn | Select-Object -ExpandProperty UserName -Unique | Select-Object -First 6)
    }

    It 'writes the first <Command> answer before a slow upstream ends, one per user in input order' -ForEach @(
        @{ Command = 'Get-CopilotBudget' }, @{ Command = 'Get-CopilotCreditUsage' }
    ) {
        $arrived = [System.Collections.Generic.List[datetime]]::new()
        $answers = @($Spenders | ForEach-Object { Start-Sleep -Milliseconds 250; $lastIn = [DateTime]::UtcNow; [pscustomobject]@{ Login = $_ } } |
                & $Command -Organization octo-org @Conn | ForEach-Object { $arrived.Add([DateTime]::UtcNow); $_ })
        $arrived[0] | Should -BeLessThan $lastIn
        @($answers.UserName | Select-Object -Unique) | Should -Be $Spenders
        @($answers | Group-Object UserName, Sku, Model, Day).Count | Should -Be $answers.Count
    }

    It 'sends a window of lookups, not one per seat, when Select-Object -First 1 stops Get-CopilotSeat | Get-CopilotBudget' {
        Reset-Simulator $Sim @{ seats = 2000 }
        $first = Get-CopilotSeat -Organization octo-org @Conn | Get-CopilotBudget @Conn | Select-Object -First 1
        $first.UserName | Should -Not -BeNullOrEmpty
        @(Get-SimulatorRequests $Sim).Count | Should -BeLessThan 12 -Because 'every seat page (20) is read only when the lookups wait for the whole input'
    }
}

Describe 'Remove-CopilotBudget' {
    BeforeEach { Reset-Simulator $Sim }

    It 'removes budgets by Id from their CSV rows, an empty UserName or Enterprise cell naming none' {
        $null = Set-Budget user-0001 4
        $null = Set-CopilotBudget -Organization octo-org -AllUsers -AmountUsd 9 -Force -NoJournal @Conn
        $csv = Join-Path $TestDrive 'budgets.csv'
        Get-CopilotBudget -Organization octo-org @Conn | Export-Csv -LiteralPath $csv -NoTypeInformation
        Import-Csv -LiteralPath $csv | Remove-CopilotBudget -Force -NoJournal @Conn
        @(Get-SimulatorRequests $Sim -Method DELETE).Count | Should -Be 2
        @(Get-CopilotBudget -Organization octo-org @Conn).Count | Should -Be 0
    }

    It 'removes a user budget after confirmation, sends nothing under -WhatIf, and takes budgets from the pipeline' {
        $null = Set-Budget user-0001, user-0002 4
        Remove-CopilotBudget -Organization octo-org -UserName user-0001 -WhatIf @Conn
        @(Get-SimulatorRequests $Sim -Method DELETE).Count | Should -Be 0
        Remove-CopilotBudget -Organization octo-org -UserName user-0001 -Confirm:$false @Conn
        @(Get-CopilotBudget -Organization octo-org @Conn).UserName | Should -Be 'user-0002'
        Get-CopilotBudget -Organization octo-org @Conn | Remove-CopilotBudget -Force @Conn
        @(Get-CopilotBudget -Organization octo-org @Conn).Count | Should -Be 0
        @(Get-SimulatorRequests $Sim -Method DELETE).Count | Should -Be 2
    }

    It 'reports a user without a budget as CopilotSeats.NoBudget, and only the failed lookup when the listing fails (<Status>)' -ForEach @(
        @{ Status = 0; Id = 'CopilotSeats.NoBudget'; Category = 'ObjectNotFound'; Target = 'user-0009' }
        @{ Status = 502; Id = 'CopilotSeats.Http502'; Category = 'ResourceUnavailable'; Target = 'octo-org' }
    ) {
        if ($Status) { Set-SimulatorFaults $Sim @{ script = @(@{ method = 'GET'; pathContains = 'budgets'; status = $Status; times = 5 }) } }
        Remove-CopilotBudget -Organization octo-org -UserName user-0009 -Force -MaxRetries 0 -ErrorVariable failures -ErrorAction SilentlyContinue @Conn
        @($failures).Count | Should -Be 1
        Assert-ErrorRecord $failures[0] $Id $Category $Target
    }
}

Describe 'Budget changes in the change journal' {
    BeforeEach {
        Reset-Simulator $Sim
        $script:J = Join-Path $TestDrive "$([guid]::NewGuid()).jsonl"
        function Get-Lines { @(if (Test-Path $J) { Get-Content $J | ConvertFrom-Json }) }
    }

    It 'records each change Sent then Applied or Refused with the amounts, and nothing for an unchanged budget' {
        $null = Set-Budget user-0001 5
        $changes = @(Set-CopilotBudget -Organization octo-org -UserName user-0001, user-0002, nobody-here -AmountUsd 8 -Force -JournalPath $J @Conn 2>$null)
        $lines = Get-Lines
        $changes[0].RunId | Should -Not -BeNullOrEmpty
        @(@($lines.run) + "$($changes[1].RunId)" | Sort-Object -Unique) | Should -Be @("$($changes[0].RunId)")
        $lines | ForEach-Object { Assert-Properties $_ @{ command = 'Set-CopilotBudget'; organization = 'octo-org'; action = 'SetBudget'; type = 'Budget'; amount_usd = 8 } }
        @($lines | Where-Object name -eq user-0001 | ForEach-Object { "$($_.outcome) $($_.old_amount_usd)" }) | Should -Be @('Sent 5', 'Applied 5')
        @($lines | Where-Object name -eq user-0002 | ForEach-Object { "$($_.outcome) $($_.old_amount_usd)" }) | Should -Be @('Sent ', 'Applied ')
        Assert-Properties ($lines | Where-Object name -eq nobody-here)[1] @{ outcome = 'Refused'; status = 422 }
        $null = Set-CopilotBudget -Organization octo-org -UserName user-0001, user-0002 -AmountUsd 8 -Force -JournalPath $J @Conn
        (Get-Lines).Count | Should -Be 6
        Assert-Properties @(Get-CopilotSeatJournal -Path $J -Action SetBudget -UserName user-0001)[0] @{ Outcome = 'Applied'; AmountUsd = 8; OldAmountUsd = 5 }
    }

    It 'writes nothing under -NoJournal' {
        $change = Set-CopilotBudget -Organization octo-org -UserName user-0001 -AmountUsd 3 -Force -NoJournal -JournalPath $J @Conn
        $change.RunId | Should -BeNullOrEmpty
        Test-Path $J | Should -BeFalse
    }

    It 'records a removal with the old amount, and Undo-CopilotSeatChange leaves budgets alone with one warning' {
        $set = Set-CopilotBudget -Organization octo-org -UserName user-0001 -AmountUsd 6 -Force -JournalPath $J @Conn
        Remove-CopilotBudget -Organization octo-org -UserName user-0001 -Force -JournalPath $J @Conn
        Assert-Properties (Get-CopilotSeatJournal -Path $J -Action RemoveBudget) @{ Command = 'Remove-CopilotBudget'; Name = 'user-0001'; Outcome = 'Applied'; OldAmountUsd = 6; AmountUsd = $null }
        Clear-SimulatorLog $Sim
        Undo-CopilotSeatChange -RunId $set.RunId -JournalPath $J -Force -WarningVariable warnings @Conn 3>$null
        @($warnings).Count | Should -Be 1
        "$warnings" | Should -Match 'Set-CopilotBudget'
        @(Get-MutationRequests $Sim).Count | Should -Be 0
    }

    It 'names the user or the all-users budget and the old amount of budgets removed by id, in the confirmation and the journal' {
        $null = Set-Budget user-0001 4
        $null = Set-CopilotBudget -Organization octo-org -AllUsers -AmountUsd 9 -Force -NoJournal @Conn
        $transcript = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript -Path $transcript | Out-Null
        try { Get-CopilotBudget -Organization octo-org @Conn | Remove-CopilotBudget -WhatIf @Conn } finally { Stop-Transcript | Out-Null }
        @(Select-String -Path $transcript -Pattern 'What if: .*(budget of user user-0001 \(\$4|all-users budget \(\$9), id ').Count | Should -Be 2
        Get-CopilotBudget -Organization octo-org @Conn | Remove-CopilotBudget -Force -JournalPath $J @Conn
        Remove-CopilotBudget -Organization octo-org -Id gone -Force -JournalPath $J -ErrorAction SilentlyContinue @Conn
        $outcomes = Get-Lines | Where-Object outcome -ne 'Sent' | ForEach-Object { "$($_.name) $($_.old_amount_usd) $($_.outcome)" }
        @($outcomes | Sort-Object) | Should -Be @('(all users) 9 Applied', 'gone  Refused', 'user-0001 4 Applied')
    }

    It '<Command> stops with CopilotSeats.JournalUnavailable before any request' -ForEach @(
        @{ Command = 'Set-CopilotBudget'; Extra = @{ AmountUsd = 1 } }
        @{ Command = 'Remove-CopilotBudget'; Extra = @{ Id = '42' } }
    ) {
        Set-Content -Path $J -Value 'a file, not a folder'
        $err = Get-ThrownError { & $Command -Organization octo-org -UserName user-0001 -Force -JournalPath (Join-Path $J 'x.jsonl') @Extra @Conn }
        Assert-ErrorRecord $err 'CopilotSeats.JournalUnavailable' 'WriteError'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }
}
