# The change journal in a real pwsh: what Remove-/Add-CopilotUser record, a killed run, two runs at once,
# Get-CopilotSeatJournal, Undo-CopilotSeatChange of a reclamation, -NoJournal, JournalUnavailable, no secret.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession

    # Starts $Script in a pwsh process of its own, with the module imported and $api, $tok and $journal set.
    function Start-JournalProcess([string] $Script, [string] $Journal) {
        $full = "Import-Module '$ManifestPath'; `$api = '$($Sim.Url)'; `$tok = ConvertTo-SecureString '$CanaryToken' -AsPlainText -Force; `$journal = '$Journal'; $Script"
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($full))
        $pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
        Start-Process -FilePath $pwsh -ArgumentList '-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded -PassThru `
            -RedirectStandardOutput (Join-Path $TestDrive "$([guid]::NewGuid()).out") -RedirectStandardError (Join-Path $TestDrive "$([guid]::NewGuid()).err")
    }
}

AfterAll {
    Stop-TestSimulator $Sim
}

Describe 'The change journal' {
    BeforeEach {
        Reset-Simulator $Sim
        $script:J = Join-Path $TestDrive "$([guid]::NewGuid()).jsonl"
    }

    It 'records every name of a request, Sent then Applied, and the changes carry the run id' {
        $changes = Remove-CopilotUser -Organization octo-org -UserName user-0001, user-0002 -Force -JournalPath $J @Conn
        $lines = @(Get-Content $J | ConvertFrom-Json)
        @($lines.outcome) | Should -Be @('Sent', 'Sent', 'Applied', 'Applied')
        @($lines.run | Sort-Object -Unique) | Should -Be @("$($changes.RunId)")
        $entries = @(Get-CopilotSeatJournal -Path $J)
        $entries[0].GetType().FullName | Should -Be 'CopilotSeats.CopilotJournalEntry'
        Assert-Properties $entries[0] @{ Command = 'Remove-CopilotUser'; Organization = 'octo-org'; Action = 'Remove'; AssigneeType = 'User'; Outcome = 'Applied'; SeatsCancelled = 2 }
        @($entries.Name) | Should -Be @('user-0002', 'user-0001')
        @(Get-CopilotSeatJournal -Path $J -Since $entries[0].Time).Count | Should -Be 2 -Because 'an entry''s own Time (a DateTimeOffset) binds to -Since'
    }

    It 'filters by <Name>' -ForEach @(
        @{ Name = 'user name'; Filter = @{ UserName = 'no-seat-*' }; Count = 1 }
        @{ Name = 'action'; Filter = @{ Action = 'Remove' }; Count = 1 }
        @{ Name = 'time'; Filter = @{ Since = [datetime]::Now.AddDays(1) }; Count = 0 }
    ) {
        Add-CopilotUser -Organization octo-org -UserName no-seat-1 -Force -JournalPath $J @Conn | Out-Null
        Remove-CopilotUser -Organization octo-org -UserName user-0003 -Force -JournalPath $J @Conn | Out-Null
        @(Get-CopilotSeatJournal -Path $J @Filter).Count | Should -Be $Count
    }

    It 'refuses -RunId $null (an unset variable) instead of reading every run' {
        $err = Get-ThrownError { Get-CopilotSeatJournal -Path $J -RunId $null }
        $err.FullyQualifiedErrorId | Should -Match '^ParameterArgumentValidationError'
    }

    It 'takes the journal from Connect-Copilot, else $env:COPILOTSEATS_JOURNAL' {
        Remove-CopilotUser -Organization octo-org -UserName user-0004 -Force @Conn | Out-Null
        @(Get-CopilotSeatJournal -RunId (Get-CopilotSeatJournal | Select-Object -First 1).RunId).Name | Should -Be 'user-0004'
        try {
            Connect-Copilot -JournalPath $J | Out-Null
            Add-CopilotUser -Organization octo-org -UserName no-seat-2 -Force @Conn | Out-Null
            (Get-CopilotSeatJournal).Name | Should -Be 'no-seat-2'
        }
        finally { Disconnect-Copilot }
        (Get-Content $J | ConvertFrom-Json)[0].name | Should -Be 'no-seat-2'
    }

    It 'resolves a relative $env:COPILOTSEATS_JOURNAL from the PowerShell location, not the process directory' {
        $saved = $env:COPILOTSEATS_JOURNAL, [Environment]::CurrentDirectory
        Push-Location $TestDrive
        try {
            $env:COPILOTSEATS_JOURNAL = 'relative.jsonl'
            [Environment]::CurrentDirectory = [IO.Path]::GetTempPath()
            Add-CopilotUser -Organization octo-org -UserName no-seat-5 -Force @Conn | Out-Null
            (Get-CopilotSeatJournal).Name | Should -Be 'no-seat-5'
        }
        finally { $env:COPILOTSEATS_JOURNAL, [Environment]::CurrentDirectory = $saved; Pop-Location }
        (Get-Content (Join-Path $TestDrive 'relative.jsonl') | ConvertFrom-Json)[0].name | Should -Be 'no-seat-5'
    }

    It 'writes nothing under -NoJournal' {
        $change = Add-CopilotUser -Organization octo-org -UserName no-seat-3 -Force -NoJournal -JournalPath $J @Conn
        $change.SeatsChanged | Should -Be 1
        $change.RunId | Should -BeNullOrEmpty
        Test-Path $J | Should -BeFalse
    }

    It 'stops with CopilotSeats.JournalUnavailable and sends nothing when the journal is <Case>' -ForEach @(
        @{ Case = 'under a file'; Path = { Join-Path $J 'x.jsonl' }; Category = 'WriteError' }
        @{ Case = 'on a drive that is not the file system'; Path = { 'Env:/journal.jsonl' }; Category = 'InvalidArgument' }
    ) {
        Set-Content -Path $J -Value 'a file, not a folder'
        $path = & $Path
        $err = Get-ThrownError { Remove-CopilotUser -Organization octo-org -UserName user-0005 -Force -JournalPath $path @Conn }
        Assert-ErrorRecord $err 'CopilotSeats.JournalUnavailable' $Category $path
        $err.Exception.Message | Should -Match 'so no change was sent|not in the file system'
        @(Get-MutationRequests $Sim).Count | Should -Be 0
    }

    It 'stops with <Id> when the journal breaks <When>, still writing the change GitHub applied' -ForEach @(
        @{ When = 'while GitHub answers the first batch'; Id = 'CopilotSeats.JournalIncomplete'; Latency = 1000
           Message = '^The request for 100 names in the organization octo-org was sent and GitHub answered 100 seat\(s\) cancelled, but the change journal .* could not record it' }
        @{ When = 'before the second batch'; Id = 'CopilotSeats.JournalUnavailable'; Latency = 0
           Message = 'so nothing more was sent; this run had already sent 1 request\(s\) for 100 name\(s\), and GitHub applied 100 name\(s\)\.$' }
    ) {
        Set-SimulatorFaults $Sim @{ latencyMs = $Latency }
        $job = $null
        $break = { Remove-Item "$J.lock"; $null = New-Item -ItemType Directory "$J.lock" } # every later append fails, as on a full disk
        if ($Latency) {
            $job = Start-ThreadJob { param($J, $Break)
                while (-not ((Test-Path $J) -and (Get-Content -Raw $J) -match '"Sent"')) { Start-Sleep -Milliseconds 5 }
                & ([scriptblock]::Create($Break)) } -ArgumentList $J, "$break"
        }
        $script:out = @()
        $names = 1..150 | ForEach-Object { 'user-{0:D4}' -f $_ }
        $err = Get-ThrownError { Remove-CopilotUser -Organization octo-org -UserName $names -Force -JournalPath $J @Conn | ForEach-Object { if (-not $Latency) { & $break }; $script:out += $_ } }
        if ($job) { $job | Receive-Job -Wait -AutoRemoveJob }
        Assert-ErrorRecord $err $Id 'WriteError' $J
        $err.Exception.Message | Should -Match $Message
        $err.ErrorDetails.RecommendedAction | Should -Match 'Get-CopilotSeat'
        Assert-Properties $out @{ SeatsChanged = 100; Count = 1 }
        @(Get-MutationRequests $Sim).Count | Should -Be 1
    }

    It '<Command> stops with CopilotSeats.JournalUnavailable when the journal folder cannot be listed' -Skip:$IsWindows -ForEach @(
        @{ Command = 'Get-CopilotSeatJournal -Path $dir' }
        @{ Command = 'Undo-CopilotSeatChange -RunId ([guid]::NewGuid()) -JournalPath $dir -Force' }
    ) {
        $dir = (New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid()))).FullName
        chmod 000 $dir
        $pwsh = Join-Path $PSHOME 'pwsh'
        $asUser = if ((id -u) -eq '0') { 'setpriv', '--bounding-set=-dac_override,-dac_read_search', $pwsh } else { , $pwsh } # root reads any folder
        $probe = "Import-Module '$ManifestPath'; `$dir = '$dir'; try { $Command } catch { `$_.FullyQualifiedErrorId + '|' + `$_.CategoryInfo.Category + '|' + `$_.TargetObject }"
        $result = Invoke-ChildProcess $asUser[0] (@($asUser | Select-Object -Skip 1) + '-NoProfile', '-Command', $probe) $TestDrive
        chmod 700 $dir
        $result.StdOut.Trim() | Should -Match "^CopilotSeats\.JournalUnavailable,.*\|ResourceUnavailable\|$([regex]::Escape($dir))$"
    }

    It 'reads past lines it cannot read with one warning each kind, and a BOM; Undo stops on a run of a newer format and warns about entries it cannot undo' {
        $run, $odd = [guid]::NewGuid(), [guid]::NewGuid()
        $line = { param($v, $id, $action) "{""v"":$v,""run"":""$id"",""request"":1,""time"":""2026-12-01T10:00:00.000Z"",""command"":""Add-CopilotUser"",""organization"":""octo-org"",""action"":""$action"",""type"":""User"",""name"":""no-seat-1"",""outcome"":""Applied""}" }
        $text = ((& $line 1 $run Add), 'not a journal line', (& $line 2 $run Add), (& $line 1 $odd Teleport)) -join "`n"
        [IO.File]::WriteAllText($J, "$([char]0xFEFF)$text`n") # the BOM Windows PowerShell's Out-File -Encoding utf8 writes
        $entries = @(Get-CopilotSeatJournal -Path $J -WarningVariable warnings 3>$null)
        @($entries.RunId) | Should -Be @($odd, $run)
        @($warnings) -join '|' | Should -Match '^1 journal line\(s\) of a newer format \(above v1\) were skipped.*\|1 line\(s\) of the journal are not journal lines'
        $err = Get-ThrownError { Undo-CopilotSeatChange -RunId $run -JournalPath $J -Force @Conn 3>$null }
        Assert-ErrorRecord $err 'CopilotSeats.JournalVersionUnsupported' 'InvalidData' $run
        Undo-CopilotSeatChange -RunId $odd -JournalPath $J -Force @Conn -WarningVariable warnings 3>$null
        "$warnings" | Should -Match '1 entry\(ies\) of the run name no target, or an action or type this version does not know'
        @(Get-MutationRequests $Sim).Count | Should -Be 0
    }

    It '<Command> stops with CopilotSeats.JournalUnavailable when the journal cannot be read' -ForEach @(
        @{ Command = 'Get-CopilotSeatJournal'; Run = { Get-CopilotSeatJournal -Path $J } }
        @{ Command = 'Undo-CopilotSeatChange'; Run = { Undo-CopilotSeatChange -RunId ([guid]::NewGuid()) -JournalPath $J -Force @Conn } }
    ) {
        $lock = [IO.File]::Open($J, 'OpenOrCreate', 'ReadWrite', 'None') # held open by someone else: unreadable, even for root
        try { $err = Get-ThrownError $Run } finally { $lock.Dispose() }
        Assert-ErrorRecord $err 'CopilotSeats.JournalUnavailable' 'ResourceUnavailable' $J
        $err.ErrorDetails.RecommendedAction | Should -Be 'Check that the journal is a file you may read, or name another journal.'
        @(Get-MutationRequests $Sim).Count | Should -Be 0
    }

    It 'says Unknown for a request whose connection dropped after GitHub applied it' {
        Set-SimulatorFaults $Sim @{ script = @(@{ method = 'DELETE'; status = 0; afterApplied = $true }) }
        Remove-CopilotUser -Organization octo-org -UserName user-0006 -Force -JournalPath $J -MaxRetries 0 @Conn -ErrorAction SilentlyContinue
        Assert-Properties (Get-CopilotSeatJournal -Path $J) @{ Name = 'user-0006'; Outcome = 'Unknown' }
        (Get-CopilotSeat -Organization octo-org -UserName user-0006 @Conn).PendingCancellationDate | Should -Not -BeNullOrEmpty
    }

    It 'says Unknown for the names of a run killed while its request was in flight' {
        Set-SimulatorFaults $Sim @{ latencyMs = 60000 }
        $process = Start-JournalProcess 'Remove-CopilotUser -Organization octo-org -UserName user-0007, user-0008 -Force -JournalPath $journal -ApiUrl $api -Token $tok' $J
        $deadline = [datetime]::UtcNow.AddSeconds(60)
        while (-not ((Test-Path $J) -and (Get-Content $J -Raw) -match 'user-0008') -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        $process.Kill()
        $process.WaitForExit()
        $entries = @(Get-CopilotSeatJournal -Path $J)
        @($entries.Outcome) | Should -Be @('Unknown', 'Unknown')
        $entries[0].Message | Should -Match 'may have been applied'
    }

    It 'keeps every line whole when two processes change seats at once on one journal' {
        $processes = 0, 50 | ForEach-Object {
            $from = $_
            $names = (1..50 | ForEach-Object { 'user-{0:D4}' -f ($from + $_) }) -join ','
            Start-JournalProcess "Remove-CopilotUser -Organization octo-org -UserName $names -Force -JournalPath `$journal -ApiUrl `$api -Token `$tok" $J
        }
        $processes | ForEach-Object { $_.WaitForExit(120000) | Should -BeTrue }
        $lines = @(Get-Content $J | ConvertFrom-Json)
        $lines.Count | Should -Be 200
        @($lines.run | Sort-Object -Unique).Count | Should -Be 2
        @(Get-CopilotSeatJournal -Path $J | Where-Object Outcome -eq Applied).Count | Should -Be 100
    }
}

Describe 'Undo-CopilotSeatChange' {
    BeforeEach {
        Reset-Simulator $Sim
        $script:J = Join-Path $TestDrive "$([guid]::NewGuid()).jsonl"
    }

    It 'puts back the seats a reclamation cancelled, keeping them, as a run of its own' {
        $seats = @(Get-CopilotSeat -Organization octo-org @Conn | Where-Object { -not $_.AssigningTeam } | Select-Object -First 3)
        $removed = $seats | Remove-CopilotUser -Force -JournalPath $J @Conn
        $transcript = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript -Path $transcript | Out-Null
        try { Undo-CopilotSeatChange -RunId $removed.RunId -JournalPath $J -WhatIf @Conn } finally { Stop-Transcript | Out-Null }
        @(Select-String -Path $transcript -Pattern 'What if: .*Add Copilot seat again \(keeps the seat pending cancellation').Count | Should -Be 3
        @(Get-MutationRequests $Sim).Count | Should -Be 1

        $out = @(Undo-CopilotSeatChange -RunId $removed.RunId -JournalPath $J -Force @Conn -Verbose 4>&1)
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match "^'.+' in the organization octo-org keeps the seat pending" }).Count | Should -Be 3
        $undo = $out | Where-Object { $_ -is [CopilotSeats.CopilotSeatChange] }
        Assert-Properties $undo @{ Action = 'Add'; AssigneeType = 'User'; SeatsChanged = 3 }
        $undo.RunId | Should -Not -Be $removed.RunId
        Get-CopilotSeat -Organization octo-org -UserName $seats.Login @Conn | ForEach-Object { $_.PendingCancellationDate | Should -BeNullOrEmpty }
        Get-CopilotSeatJournal -Path $J -RunId $undo.RunId | ForEach-Object { Assert-Properties $_ @{ Command = 'Undo-CopilotSeatChange'; UndoOf = $removed.RunId } }
    }

    It 'cancels the users a run added, from piped entries, and leaves refused ones alone' {
        Add-CopilotUser -Organization octo-org -UserName no-seat-4, not-a-member -Force -JournalPath $J @Conn -ErrorAction SilentlyContinue | Out-Null
        $undo = Get-CopilotSeatJournal -Path $J | Undo-CopilotSeatChange -JournalPath $J -Force @Conn
        Assert-Properties $undo @{ Action = 'Remove'; SeatsChanged = 1 }
        @($undo.Requested) | Should -Be @('no-seat-4')
    }

    It 'warns that a cancelled seat that has ended is bought again, and leaves unknown names unless -IncludeUnknown' {
        $run = [guid]::NewGuid()
        @('Applied', 'Sent') | ForEach-Object -Begin { $n = 8 } -Process {
            @{ v = 1; run = "$run"; request = $n; time = '2026-11-01T00:00:00.000Z'; command = 'Remove-CopilotUser'; organization = 'octo-org'
               action = 'Remove'; type = 'User'; name = "no-seat-$n"; outcome = $_ } | ConvertTo-Json -Compress | Add-Content $J
            $n++
        }
        $undo = Undo-CopilotSeatChange -RunId $run -JournalPath $J -Force @Conn -WarningVariable warnings 3>$null
        @($undo.Requested) | Should -Be @('no-seat-8')
        ($warnings -join ' ') | Should -Match "no-seat-8.*buys a new seat"
        ($warnings -join ' ') | Should -Match '1 name.*Unknown.*-IncludeUnknown'
        @((Undo-CopilotSeatChange -RunId $run -JournalPath $J -Force -IncludeUnknown @Conn 3>$null).Requested) | Should -Contain 'no-seat-9'
    }

    It 'adds back only the enterprise''s own grant a cancel reached when GitHub counts fewer seats than names; names the others in one warning' {
        $null = Add-CopilotUser -Enterprise octo-ent -UserName ent-user-5 -Force -NoJournal @Conn
        $orgGranted = (Get-CopilotSeat -Enterprise octo-ent @Conn | Where-Object { $_.Organization -eq 'octo-org' -and -not $_.AssigningTeam -and -not $_.PendingCancellationDate } |
                Select-Object -First 1).Login
        $removed = Remove-CopilotUser -Enterprise octo-ent -UserName $orgGranted, ent-user-5 -Force -JournalPath $J @Conn -ErrorAction SilentlyContinue
        $removed.SeatsChanged | Should -Be 1
        Clear-SimulatorLog $Sim
        $undo = Undo-CopilotSeatChange -RunId $removed.RunId -JournalPath $J -Force @Conn -WarningVariable warnings 3>$null
        @($undo.Requested) | Should -Be @('ent-user-5')
        ($warnings -join ' ') | Should -Match "1 user\(s\) the run may not have cancelled are not added again \($orgGranted\)"
        Assert-OneSeatRequest $Sim POST '/enterprises/octo-ent/copilot/billing/selected_users' selected_usernames 'ent-user-5'
    }

    It 'cancels only the user a request added when its count does not say which (<Case>): the seat granted since the request' -ForEach @(
        @{ Case = 'seats_created 1 for 2 names'; Faults = @(); Extra = @{} }
        @{ Case = 'no answer, -IncludeUnknown'; Faults = @(@{ method = 'POST'; pathContains = 'selected_users'; status = 0; afterApplied = $true }); Extra = @{ IncludeUnknown = $true } }
    ) {
        Set-SimulatorFaults $Sim @{ script = $Faults }
        Add-CopilotUser -Organization octo-org -UserName user-0008, no-seat-5 -Force -MaxRetries 0 -JournalPath $J @Conn -ErrorAction SilentlyContinue | Out-Null
        Set-SimulatorFaults $Sim @{}
        $undo = Undo-CopilotSeatChange -RunId (Get-CopilotSeatJournal -Path $J)[0].RunId -JournalPath $J -Force @Extra @Conn -WarningVariable warnings 3>$null
        @($undo.Requested) | Should -Be @('no-seat-5')
        "$warnings" | Should -Match '^1 user\(s\) the run may have added are not cancelled \(seated before the run: user-0008\)'
        (Get-CopilotSeat -Organization octo-org -UserName user-0008 @Conn).PendingCancellationDate | Should -BeNullOrEmpty
    }

    It 'cancels the user a Sync added though the retried POST answered seats_created 0 (the dropped first attempt applied)' {
        $ref = @(Get-CopilotSeat -Organization octo-org @Conn | Where-Object { -not $_.PendingCancellationDate } | ForEach-Object Login) + 'no-seat-9'
        Set-SimulatorFaults $Sim @{ script = @(@{ method = 'POST'; pathContains = 'selected_users'; status = 0; times = 1; afterApplied = $true }) }
        $synced = Sync-CopilotSeat -Organization octo-org -ReferenceUser $ref -Force -JournalPath $J @Conn 3>$null
        Set-SimulatorFaults $Sim @{}
        Assert-Properties (Get-CopilotSeatJournal -Path $J) @{ Name = 'no-seat-9'; Outcome = 'Applied'; SeatsCreated = 0 }
        $undo = Undo-CopilotSeatChange -RunId $synced.RunId -JournalPath $J -Force @Conn
        @($undo.Requested) | Should -Be @('no-seat-9')
        (Get-CopilotSeat -Organization octo-org -UserName no-seat-9 @Conn).PendingCancellationDate | Should -Not -BeNullOrEmpty
    }

    It 'removes the team grant a run added' {
        $added = Add-CopilotTeam -Organization octo-org -TeamName team-2 -JournalPath $J @Conn
        $undo = Undo-CopilotSeatChange -RunId $added.RunId -JournalPath $J -Force @Conn
        Assert-Properties $undo @{ Action = 'Remove'; AssigneeType = 'Team'; SeatsChanged = $added.SeatsChanged }
        Assert-OneSeatRequest $Sim DELETE '/orgs/octo-org/copilot/billing/selected_teams' selected_teams 'team-2'
    }

    It 'under an enterprise App installation, tells kept from new seats from one seat listing (the member lookup is closed to Apps)' {
        . (Join-Path $PSScriptRoot 'AppHelpers.ps1')
        $removed = Add-CopilotUser -Enterprise octo-ent -UserName ent-user-5, ent-user-6 -Force -NoJournal @Conn | ForEach-Object {
            Remove-CopilotUser -Enterprise octo-ent -UserName ent-user-5, ent-user-6 -Force -JournalPath $J @Conn }
        @{ v = 1; run = "$($removed.RunId)"; request = 9; time = '2026-11-01T00:00:00.000Z'; command = 'Remove-CopilotUser'; enterprise = 'octo-ent'
           action = 'Remove'; type = 'User'; name = 'ent-user-7'; outcome = 'Applied' } | ConvertTo-Json -Compress | Add-Content $J
        $key = New-TestAppKey
        $null = Register-SimulatorApp $Sim -ClientId Iv23liUndoApp -PublicKey $key.PublicKey -Installations @(@{ enterprise = 'octo-ent'; id = 102 })
        $null = Connect-Copilot -ApiUrl $Sim.Url -ClientId Iv23liUndoApp -PrivateKey (ConvertTo-TestSecureString $key.Pkcs1) -Enterprise octo-ent
        try {
            Clear-SimulatorLog $Sim
            $out = @(Undo-CopilotSeatChange -RunId $removed.RunId -JournalPath $J -Force -Verbose -WarningVariable warnings 4>&1 3>$null)
        }
        finally { Disconnect-Copilot }
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match "^'ent-user-[56]' in the enterprise octo-ent keeps the seat pending" }).Count | Should -Be 2
        "$warnings" | Should -Match "'ent-user-7' in the enterprise octo-ent buys a new seat"
        $pages = @(Get-SimulatorRequests $Sim -Method GET | Where-Object path -eq '/enterprises/octo-ent/copilot/billing/seats')
        $pages.Count | Should -BeGreaterThan 0
        @($pages.query | Sort-Object -Unique).Count | Should -Be $pages.Count -Because 'one listing: each page once'
    }

    It 'undoes the runs of piped <Case>' -ForEach @(
        @{ Case = 'changes (by RunId)'; Rows = { & $remove }; Undone = 'user-0001', 'user-0002', 'user-0003' }
        @{ Case = 'CSV rows of changes (by RunId)'; Rows = { & $remove | Export-Csv "$J.csv"; Import-Csv "$J.csv" }; Undone = 'user-0001', 'user-0002', 'user-0003' }
        @{ Case = 'journal entries: only those entries'; Rows = { $null = & $remove; Get-CopilotSeatJournal -Path $J -UserName user-0002 }; Undone = @('user-0002') }
        @{ Case = 'CSV rows of journal entries: only those entries'; Rows = { $null = & $remove; Get-CopilotSeatJournal -Path $J -UserName user-0002 | Export-Csv "$J.csv"; Import-Csv "$J.csv" }; Undone = @('user-0002') }
        @{ Case = 'deserialized journal entries: only those entries'; Rows = { $null = & $remove; Get-CopilotSeatJournal -Path $J -UserName user-0002 | Export-Clixml "$J.xml"; Import-Clixml "$J.xml" }; Undone = @('user-0002') }
        @{ Case = 'JSON journal entries: only those entries'; Rows = { $null = & $remove; Get-CopilotSeatJournal -Path $J -UserName user-0002 | ConvertTo-Json | ConvertFrom-Json }; Undone = @('user-0002') }
        @{ Case = 'a change, then an entry of another run: the run and the entry'; Rows = { $changes = @(& $remove); $changes[1]; Get-CopilotSeatJournal -Path $J -UserName user-0001 }; Undone = 'user-0001', 'user-0002', 'user-0003' }
        @{ Case = 'an entry, then a change of another run: the entry and the run'; Rows = { $changes = @(& $remove); Get-CopilotSeatJournal -Path $J -UserName user-0001; $changes[1] }; Undone = 'user-0001', 'user-0002', 'user-0003' }
    ) {
        $remove = { @('user-0001'), @('user-0002', 'user-0003') | ForEach-Object { Remove-CopilotUser -Organization octo-org -UserName $_ -Force -JournalPath $J @Conn } }
        $undo = @(& $Rows | Undo-CopilotSeatChange -JournalPath $J -Force @Conn 3>$null)
        @($undo | ForEach-Object Requested | Sort-Object) | Should -Be $Undone
    }

    It 'leaves alone the names <Case>, with one warning, by run id and piped' -ForEach @(
        @{ Case = 'an earlier undo of the run reversed'; Later = { $null = Undo-CopilotSeatChange -RunId $a1.RunId -JournalPath $J -Force @Conn; Add-CopilotUser -Organization octo-org -UserName no-seat-1 -Force -JournalPath $J @Conn }
           Warning = '^2 name\(s\) an earlier undo of this run already reversed are left alone: no-seat-\d, no-seat-\d by run [0-9a-f-]{36} \(Undo-CopilotSeatChange\)\. Change the seat directly' }
        @{ Case = 'a later run changed'; Later = { Remove-CopilotUser -Organization octo-org -UserName no-seat-1, no-seat-2 -Force -JournalPath $J @Conn }
           Warning = '^2 name\(s\) a later run changed are left alone: no-seat-\d, no-seat-\d by run [0-9a-f-]{36} \(Remove-CopilotUser\)\. Undo that later run instead' }
    ) {
        $a1 = Add-CopilotUser -Organization octo-org -UserName no-seat-1, no-seat-2 -Force -JournalPath $J @Conn
        $null = & $Later
        Clear-SimulatorLog $Sim
        foreach ($undo in { Undo-CopilotSeatChange -RunId $a1.RunId -JournalPath $J -Force @Conn }, { Get-CopilotSeatJournal -Path $J -RunId $a1.RunId | Undo-CopilotSeatChange -JournalPath $J -Force @Conn }) {
            $all = @(& $undo 3>&1)
            @($all | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] }).Count | Should -Be 0
            "$($all.Message)" | Should -Match $Warning
        }
        @(Get-MutationRequests $Sim).Count | Should -Be 0
    }

    It 'an undo of two runs records which run each name reverses, so undoing one of them again says it was reversed' {
        $a = Remove-CopilotUser -Organization octo-org -UserName user-0008 -Force -JournalPath $J @Conn
        $c = Remove-CopilotUser -Organization octo-org -UserName user-0009 -Force -JournalPath $J @Conn
        $both = Undo-CopilotSeatChange -RunId $a.RunId, $c.RunId -JournalPath $J -Force @Conn 3>$null
        $lines = @(Get-CopilotSeatJournal -Path $J -RunId $both.RunId | Sort-Object Name)
        @($lines | ForEach-Object { "$($_.Name):$($_.UndoOf)" } | Sort-Object -Unique) | Should -Be "user-0008:$($a.RunId)", "user-0009:$($c.RunId)"
        Clear-SimulatorLog $Sim
        $null = Undo-CopilotSeatChange -RunId $a.RunId -JournalPath $J -Force @Conn -WarningVariable wv -WarningAction SilentlyContinue
        "$wv" | Should -BeLike "1 name(s) an earlier undo of this run already reversed are left alone: user-0008 by run $($both.RunId)*"
        @(Get-MutationRequests $Sim).Count | Should -Be 0
    }

    It 'says when the journal it checks holds none of the piped entries'' runs, and undoes them as given' {
        $other = Join-Path $TestDrive 'other.jsonl'
        $null = Add-CopilotUser -Organization octo-org -UserName no-seat-9 -Force -JournalPath $other @Conn
        $null = Remove-CopilotUser -Organization octo-org -UserName user-0007 -Force -JournalPath $J @Conn
        $undo = @(Get-CopilotSeatJournal -Path $J -UserName user-0007 | Undo-CopilotSeatChange -JournalPath $other -Force @Conn -WarningVariable wv -WarningAction SilentlyContinue)
        @($undo.Requested) | Should -Be 'user-0007'
        "$wv" | Should -BeLike "The journal at $other records neither the piped entries' runs, nor an undo of them, nor a later change to their names, so changes recorded in another journal were not checked. Pass -JournalPath with the journal they came from."
    }

    It 'leaves alone a piped entry of another journal that the journal it checks holds an undo of, and a later cancel of' {
        $other = Join-Path $TestDrive "$([guid]::NewGuid()).jsonl"
        $removed = Remove-CopilotUser -Organization octo-org -UserName user-0007 -Force -JournalPath $J @Conn
        $undo = { Get-CopilotSeatJournal -Path $J -RunId $removed.RunId | Undo-CopilotSeatChange -Force -JournalPath $other @Conn }
        @((& $undo 3>$null).Requested) | Should -Be 'user-0007'
        $cancel = Remove-CopilotUser -Organization octo-org -UserName user-0007 -Force -JournalPath $other @Conn
        Clear-SimulatorLog $Sim
        $all = @(& $undo 3>&1)
        @($all | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] }).Count | Should -Be 0
        @(Get-MutationRequests $Sim).Count | Should -Be 0 -Because 'the later cancel in the journal checked stands'
        "$($all.Message)" | Should -BeLike '1 name(s) an earlier undo of this run already reversed are left alone: user-0007 by run *'
        "$($all.Message)" | Should -Not -BeLike '*records neither*'
        (Get-CopilotSeat -Organization octo-org -UserName user-0007 @Conn).PendingCancellationDate | Should -Not -BeNullOrEmpty
        $cancel.SeatsChanged | Should -Be 1
    }

    It 'names a piped RunId that is no GUID in a binding error and sends nothing' {
        $null = [pscustomobject]@{ RunId = 'not-a-run' } | Undo-CopilotSeatChange -JournalPath $J -Force @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-ErrorRecord $errs[0] 'ParameterArgumentTransformationError' 'InvalidData'
        "$($errs[0])" | Should -Match "'not-a-run' is not a run id"
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'reports a run the journal does not hold as CopilotSeats.RunNotFound' {
        $run = [guid]::NewGuid()
        Undo-CopilotSeatChange -RunId $run -JournalPath $J -Force @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-ErrorRecord $errs[0] 'CopilotSeats.RunNotFound' 'ObjectNotFound' $run
        $errs[0].Exception.Message | Should -BeLike "The journal at $J has no run $run*"
    }
}

Describe 'No secret in the journal' {
    It 'holds neither the token nor a URL query after changes, refusals and undos' {
        Reset-Simulator $Sim
        $J = Join-Path $TestDrive 'canary.jsonl'
        Add-CopilotUser -Organization octo-org -UserName no-seat-10, not-a-member -Force -JournalPath $J @Conn -ErrorAction SilentlyContinue | Out-Null
        Set-CopilotBudget -Organization octo-org -UserName user-0001, nobody-here -AmountUsd 3 -Force -JournalPath $J @Conn -ErrorAction SilentlyContinue | Out-Null
        Get-CopilotSeatJournal -Path $J | Undo-CopilotSeatChange -JournalPath $J -Force @Conn 3>$null | Out-Null
        $text = Get-Content -Raw $J
        $text | Should -Match '(?s)"outcome":"Refused".*"outcome":"Applied".*"command":"Undo-CopilotSeatChange"'
        $text, (Get-Content -Raw $env:COPILOTSEATS_JOURNAL) | Should -Not -Match ([regex]::Escape($CanaryToken))
        $text | Should -Not -Match 'https?://[^"\s]*\?'
    }
}
