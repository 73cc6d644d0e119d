# The README's first two commands, copied out of its first ```sh block and run as written in a fresh
# clone of this repository, on a PATH that has the .NET SDK, git and the shell but no pwsh: one builds
# and runs the demo on the simulator, the other runs every test. The clone is of the committed HEAD.
# The nested test run skips this file (COPILOTSEATS_QUICKSTART_NESTED), or it would never end, and runs a
# small part of each suite (COPILOTSEATS_TEST_SMOKE): CI runs the whole suite with the same command outside.

BeforeDiscovery {
    $script:Nested = $env:COPILOTSEATS_QUICKSTART_NESTED -eq '1'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:RepoRoot = Get-RepoRoot

    # The README's first two commands: the first two command lines of its first ```sh block.
    $lines = Get-Content -LiteralPath (Join-Path $RepoRoot 'README.md')
    $start = [Array]::FindIndex([string[]] $lines, [Predicate[string]] { param($l) $l -match '^```(sh|bash|shell)\s*$' })
    $start | Should -BeGreaterThan -1 -Because 'the README opens with a ```sh block of commands'
    $script:Commands = @(
        for ($i = $start + 1; $i -lt $lines.Count -and $lines[$i] -notmatch '^```'; $i++) {
            $line = ($lines[$i] -replace '\s+#.*$', '').Trim()
            if ($line -and -not $line.StartsWith('#')) { $line }
        }
    ) | Select-Object -First 2

    # A PATH with dotnet, git and the shell, and no pwsh: what "only the .NET SDK" leaves a machine.
    $dirs = foreach ($tool in 'dotnet', 'git', 'bash', 'env') {
        Split-Path -Parent (Get-Command $tool -CommandType Application | Select-Object -First 1).Source
    }
    $script:BarePath = (@($dirs) + '/usr/bin' + '/bin' | Select-Object -Unique) -join [IO.Path]::PathSeparator
    $script:Clone = Join-Path ([IO.Path]::GetTempPath()) ('copilotseats-quickstart-' + [guid]::NewGuid().ToString('N'))
    & git clone --quiet $RepoRoot $Clone
    $LASTEXITCODE | Should -Be 0

    function Invoke-ReadmeCommand([string] $Command, [int] $TimeoutMinutes) {
        Invoke-ChildProcess bash '-c', $Command $Clone @{ PATH = $BarePath; COPILOTSEATS_QUICKSTART_NESTED = '1'; COPILOTSEATS_TEST_SMOKE = '1' } $TimeoutMinutes
    }
}

AfterAll {
    if ($Clone -and (Test-Path -LiteralPath $Clone)) { Remove-Item -LiteralPath $Clone -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'The README quick start on a machine with only the .NET SDK' -Skip:$Nested {
    It 'the README opens with two commands: the demo, then the tests' {
        $Commands.Count | Should -Be 2
        $Commands[0] | Should -Match '-Task Demo'
        $Commands[1] | Should -Match '-Task Test'
    }

    It 'the clean PATH has dotnet but no pwsh' {
        $found = foreach ($dir in $BarePath.Split([IO.Path]::PathSeparator)) { Test-Path -LiteralPath (Join-Path $dir 'pwsh') }
        @($found | Where-Object { $_ }).Count | Should -Be 0
    }

    It 'the first command builds the module and runs the demo on the simulator' {
        $r = Invoke-ReadmeCommand $Commands[0] -TimeoutMinutes 10
        $r.Output | Should -Match 'build\.ps1 -Task Demo succeeded\.'
        $r.Output | Should -Match 'Simulator stopped\.'
        $r.ExitCode | Should -Be 0 -Because $r.Output
        Join-Path $Clone 'out/CopilotSeats/CopilotSeats.psd1' | Should -Exist
    }

    It 'the second command runs every test and they pass' {
        $r = Invoke-ReadmeCommand $Commands[1] -TimeoutMinutes 15
        $r.Output | Should -Match 'Passed!.*CopilotSeats\.Core\.Tests\.dll'
        $r.Output | Should -Match 'Pester: \d+ passed, 0 failed'
        $r.Output | Should -Match 'All tests passed\.'
        $tail = ($r.Output -split "`n" | Select-Object -Last 40) -join "`n"
        $r.ExitCode | Should -Be 0 -Because $tail
    }
}
