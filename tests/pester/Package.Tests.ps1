# Install like any module: build.ps1 -Task Package makes a PowerShell Gallery package with PSResourceGet;
# Install-PSResource installs it from a temporary local repository into a temporary module path, a
# fresh pwsh imports it by name and lists seats from the simulator, and Uninstall-PSResource removes it.
# Every PSResourceGet step runs in a child pwsh whose HOME (and, on Windows, LOCALAPPDATA and
# USERPROFILE) is a temporary folder, so the repository registration and the installed module never
# touch the user's own.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim = Start-TestSimulator
    $script:Version = (Import-PowerShellDataFile -LiteralPath $ManifestPath).ModuleVersion
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('copilotseats-package-test-' + [guid]::NewGuid().ToString('N'))
    $script:Feed = Join-Path $Work 'feed'
    $script:Data = Join-Path $Work 'data'
    $null = New-Item -ItemType Directory -Path $Feed, $Data -Force

    $exe = [Environment]::ProcessPath
    $script:Launcher = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { @($exe, (Join-Path $PSHOME 'pwsh.dll')) } else { @($exe) }

    # Runs $Command in a fresh pwsh whose user folders are the temporary $Data; returns its output.
    $script:Redirected = 'HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'LOCALAPPDATA', 'USERPROFILE'
    function Invoke-Child([string] $Command) {
        $saved = @{}
        foreach ($name in $Redirected) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        [Environment]::SetEnvironmentVariable('HOME', $Data)
        [Environment]::SetEnvironmentVariable('USERPROFILE', $Data)
        [Environment]::SetEnvironmentVariable('LOCALAPPDATA', (Join-Path $Data 'AppData'))
        foreach ($name in 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME') { [Environment]::SetEnvironmentVariable($name, $null) }
        try {
            $out = & $Launcher[0] @($Launcher | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $Command 2>&1
            return [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = ($out | Out-String) }
        }
        finally {
            foreach ($name in $Redirected) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    # Where Install-PSResource -Scope CurrentUser puts modules for that user.
    $script:ModuleRoot = if ($IsWindows) { Join-Path $Data 'Documents/PowerShell/Modules' } else { Join-Path $Data '.local/share/powershell/Modules' }

    $build = & $Launcher[0] @($Launcher | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $RepoRoot 'build.ps1') -Task Package -NoBuild 2>&1 | Out-String
    $script:Package = Join-Path $RepoRoot "out/CopilotSeats.$Version.nupkg"
    if (-not (Test-Path -LiteralPath $Package)) { throw "build.ps1 -Task Package made no $Package`n$build" }
    Copy-Item -LiteralPath $Package -Destination $Feed
    # This version's section of CHANGELOG.md, whitespace collapsed: the ReleaseNotes of the package and the manifests.
    $changelog = Get-Content -LiteralPath (Join-Path $RepoRoot 'CHANGELOG.md') -Raw
    $script:ChangelogSection = ([regex]::Match($changelog, "(?ms)^## $([regex]::Escape($Version))[^\n]*\n(.*?)(?=^## |\z)").Groups[1].Value -replace '\s+', ' ').Trim()
}

AfterAll {
    Stop-TestSimulator $script:Sim
    Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'build.ps1 -Task Package' {
    It 'writes out/CopilotSeats.<version>.nupkg with the module, its Dependencies folder and the manifest metadata' {
        $zip = [IO.Compression.ZipFile]::OpenRead($Package)
        try {
            $names = @($zip.Entries | ForEach-Object FullName)
            foreach ($file in 'CopilotSeats.psd1', 'CopilotSeats.dll', 'Dependencies/CopilotSeats.Core.dll', 'en-US/CopilotSeats.dll-Help.xml') {
                $names | Should -Contain $file
            }
            $nuspec = $zip.Entries | Where-Object FullName -EQ 'CopilotSeats.nuspec'
            $reader = New-Object IO.StreamReader($nuspec.Open())
            try { [xml]$spec = $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
        $meta = $spec.package.metadata
        $meta.version | Should -Be $Version
        $meta.licenseUrl | Should -Match '^https://.+LICENSE$'
        $meta.projectUrl | Should -Match '^https://'
        $meta.tags | Should -Match 'Copilot'
        $ChangelogSection | Should -Not -BeNullOrEmpty
        ($meta.releaseNotes -replace '\s+', ' ').Trim() | Should -Be $ChangelogSection
    }

    It 'the manifest passes Test-ModuleManifest, at version 0.3.0 with an MIT LICENSE beside it' {
        $m = Test-ModuleManifest -Path $ManifestPath -ErrorAction Stop
        "$($m.Version)" | Should -Be '0.3.0'
        Get-Content -LiteralPath (Join-Path $RepoRoot 'LICENSE') -Raw | Should -Match 'MIT License'
    }

    It 'the repository''s and the built module''s manifests carry this version''s CHANGELOG.md section as ReleaseNotes' {
        # Not only the package: Test-ModuleManifest or Get-Module -ListAvailable on either manifest shows the notes.
        $ChangelogSection | Should -Not -BeNullOrEmpty
        foreach ($path in (Join-Path $RepoRoot 'CopilotSeats.psd1'), $ManifestPath) {
            $notes = (Import-PowerShellDataFile -LiteralPath $path).PrivateData.PSData.ReleaseNotes
            ($notes -replace '\s+', ' ').Trim() | Should -Be $ChangelogSection -Because "$path has the CHANGELOG.md section of $Version (copy it into ReleaseNotes when the CHANGELOG changes)"
        }
        (Test-ModuleManifest -Path $ManifestPath -ErrorAction Stop).ReleaseNotes | Should -Not -Be 'See CHANGELOG.md.'
    }
}

Describe 'Install-PSResource round trip' {
    It 'installs from a local repository into a temporary module path' {
        $r = Invoke-Child @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name CopilotSeatsTest -Uri '$Feed' -Trusted
Install-PSResource -Name CopilotSeats -Version '$Version' -Repository CopilotSeatsTest -TrustRepository -Quiet
(Get-InstalledPSResource -Name CopilotSeats).InstalledLocation
"@
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match ([regex]::Escape($Data))
        Test-Path -LiteralPath (Join-Path $ModuleRoot "CopilotSeats/$Version/CopilotSeats.psd1") | Should -BeTrue
    }

    It 'a fresh pwsh imports it by name from that path and lists seats from the simulator' {
        $r = Invoke-Child @"
`$ErrorActionPreference = 'Stop'
Import-Module CopilotSeats
`$m = Get-Module CopilotSeats
`$token = ConvertTo-SecureString 'sim_canary_token_123' -AsPlainText -Force
`$n = @(Get-CopilotSeat -Organization octo-org -ApiUrl '$($Sim.Url)' -Token `$token).Count
"base=`$(`$m.ModuleBase)"
"version=`$(`$m.Version)"
"seats=`$n"
"@
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match ('base=' + [regex]::Escape((Join-Path $ModuleRoot "CopilotSeats/$Version")))
        $r.Text | Should -Match "version=$([regex]::Escape($Version))"
        $r.Text | Should -Match 'seats=120'
    }

    It 'Uninstall-PSResource removes it cleanly' {
        $r = Invoke-Child @"
`$ErrorActionPreference = 'Stop'
Uninstall-PSResource -Name CopilotSeats -Version '$Version'
"left=`$(@(Get-InstalledPSResource -Name CopilotSeats -ErrorAction SilentlyContinue).Count)"
"available=`$(@(Get-Module -ListAvailable -Name CopilotSeats).Count)"
Unregister-PSResourceRepository -Name CopilotSeatsTest
"@
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match 'left=0'
        $r.Text | Should -Match 'available=0'
        Test-Path -LiteralPath (Join-Path $ModuleRoot 'CopilotSeats') | Should -BeFalse
    }
}
