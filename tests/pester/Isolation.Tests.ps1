# Dependency isolation in a real pwsh: another module's copy of one of our dependencies, loaded
# before or after CopilotSeats, and CopilotSeats keep their own versions and both keep working.
# Every case runs in a fresh pwsh process, since a load context or an assembly cannot be unloaded.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim = Start-TestSimulator
    $script:Manifest = $ManifestPath

    # An older Microsoft.Extensions.Http (6.0.0, restored by tests/pester/Pester.Restore.csproj) and a
    # newer one (the ASP.NET Core shared framework's, 10.x) than the 8.0 the module ships.
    $restore = Join-Path $RepoRoot 'tests/pester/Pester.Restore.csproj'
    & dotnet restore $restore | Out-Null
    $packages = "$(& dotnet msbuild $restore -getProperty:NuGetPackageRoot)".Trim()
    $script:OlderHttp = Join-Path $packages 'microsoft.extensions.http/6.0.0/lib/netstandard2.0/Microsoft.Extensions.Http.dll'
    $aspnet = & dotnet --list-runtimes | Where-Object { $_ -match '^Microsoft\.AspNetCore\.App (\S+) \[(.+)\]$' } |
        ForEach-Object { Join-Path $Matches[2] $Matches[1] } | Select-Object -Last 1
    $script:NewerHttp = Join-Path "$aspnet" 'Microsoft.Extensions.Http.dll'

    # Runs $Body in a new pwsh (this same PowerShell) and returns what it printed as JSON.
    function Invoke-FreshPwsh([string] $Body, [string] $Other = '') {
        $script = Join-Path ([IO.Path]::GetTempPath()) "copilotseats-isolation-$([guid]::NewGuid().ToString('N')).ps1"
        $prelude = @'
param($Manifest, $Url, $Other)
$ErrorActionPreference = 'Stop'
$token = ConvertTo-SecureString 'sim_canary_token_123' -AsPlainText -Force
function Get-Seats { @(Get-CopilotSeat -Organization octo-org -ApiUrl $Url -Token $token).Count }
function Get-Version([string] $Name, $Context) {
    @($Context.Assemblies | Where-Object { $_.GetName().Name -eq $Name } | ForEach-Object { $_.GetName().Version.ToString() })
}
function Get-CoreContext {
    $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'CopilotSeats.Core' }
    [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core)
}
'@
        Set-Content -LiteralPath $script -Value ($prelude + "`n" + $Body) -Encoding utf8
        try {
            $exe = [Environment]::ProcessPath
            $launcher = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { @($exe, (Join-Path $PSHOME 'pwsh.dll')) } else { @($exe) }
            $text = & $launcher[0] @($launcher | Select-Object -Skip 1) -NoProfile -NonInteractive -File $script `
                -Manifest $script:Manifest -Url $script:Sim.Url -Other $Other 2>&1 | Out-String
            try { return $text | ConvertFrom-Json } catch { throw "The child pwsh printed no JSON:`n$text" }
        }
        finally { Remove-Item -LiteralPath $script -ErrorAction SilentlyContinue }
    }
}

AfterAll { Stop-TestSimulator $script:Sim }

Describe 'Dependency isolation' {
    It 'Core and its dependencies load into a private load context; the default context gets only CopilotSeats.dll and the shared types' {
        $r = Invoke-FreshPwsh @'
Import-Module $Manifest
$seats = Get-Seats
$root = Split-Path -Parent $Manifest
$ours = [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies |
    Where-Object { $_.Location -and $_.Location.StartsWith($root) } | ForEach-Object { $_.GetName().Name } | Sort-Object
$core = Get-CoreContext
[pscustomobject]@{
    Seats = $seats
    DefaultHasOurs = @($ours)
    CoreContextIsDefault = [object]::ReferenceEquals($core, [System.Runtime.Loader.AssemblyLoadContext]::Default)
    CoreHttp = Get-Version 'Microsoft.Extensions.Http' $core
    TypeLiteral = [CopilotSeats.CopilotSeat].FullName
    OutputIsSeat = (Get-CopilotSeat -Organization octo-org -ApiUrl $Url -Token $token | Select-Object -First 1) -is [CopilotSeats.CopilotSeat]
} | ConvertTo-Json -Compress
'@
        $r.Seats | Should -BeGreaterThan 0
        $r.DefaultHasOurs | Should -Be @('CopilotSeats', 'CopilotSeats.Models')
        $r.CoreContextIsDefault | Should -BeFalse
        $r.CoreHttp | Should -Be @('8.0.0.0')
        $r.TypeLiteral | Should -Be 'CopilotSeats.CopilotSeat'
        $r.OutputIsSeat | Should -BeTrue
    }

    It 'works when another module loaded an <Which> Microsoft.Extensions.Http first, and leaves that copy to it' -ForEach @(
        @{ Which = 'older'; Version = '6.0.0.0' }
        @{ Which = 'newer'; Version = 'newer' }
    ) {
        $other = if ($Which -eq 'older') { $script:OlderHttp } else { $script:NewerHttp }
        Test-Path -LiteralPath $other | Should -BeTrue
        $r = Invoke-FreshPwsh -Other $other @'
Add-Type -Path $Other
Import-Module $Manifest
$seats = Get-Seats
[pscustomobject]@{
    Seats = $seats
    Default = Get-Version 'Microsoft.Extensions.Http' ([System.Runtime.Loader.AssemblyLoadContext]::Default)
    Core = Get-Version 'Microsoft.Extensions.Http' (Get-CoreContext)
} | ConvertTo-Json -Compress
'@
        $expectedOther = [System.Reflection.AssemblyName]::GetAssemblyName($other).Version.ToString()
        if ($Which -eq 'older') { $expectedOther | Should -Be $Version }
        $r.Seats | Should -BeGreaterThan 0
        $r.Default | Should -Be @($expectedOther)
        $r.Core | Should -Be @('8.0.0.0')
    }

    It 'another module that loads an older Microsoft.Extensions.Http after CopilotSeats gets its own version' {
        $r = Invoke-FreshPwsh -Other $script:OlderHttp @'
Import-Module $Manifest
$before = Get-Seats
Add-Type -Path $Other
$type = [Microsoft.Extensions.Http.HttpClientFactoryOptions]
[pscustomobject]@{
    Before = $before
    After = Get-Seats
    TheirVersion = $type.Assembly.GetName().Version.ToString()
    TheirLocation = $type.Assembly.Location
    Core = Get-Version 'Microsoft.Extensions.Http' (Get-CoreContext)
} | ConvertTo-Json -Compress
'@
        $r.Before | Should -BeGreaterThan 0
        $r.After | Should -Be $r.Before
        $r.TheirVersion | Should -Be '6.0.0.0'
        $r.TheirLocation | Should -Be $script:OlderHttp
        $r.Core | Should -Be @('8.0.0.0')
    }

    It 'Remove-Module and a second Import-Module in the same session keep working' {
        $r = Invoke-FreshPwsh @'
Import-Module $Manifest
$first = Get-Seats
Remove-Module CopilotSeats
Import-Module $Manifest
[pscustomobject]@{ First = $first; Second = Get-Seats } | ConvertTo-Json -Compress
'@
        $r.First | Should -BeGreaterThan 0
        $r.Second | Should -Be $r.First
    }

    It 'runspaces importing the module at the same time all get a working module (<Round>)' -ForEach @(@{ Round = 1 }, @{ Round = 2 }) {
        # The first import registers the resolve handler; the others, analysing the cmdlet types at the same
        # moment, must wait for it (they once failed with "Could not load ... CopilotSeats.Core").
        $r = Invoke-FreshPwsh @'
$results = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
    try {
        Import-Module $using:Manifest -ErrorAction Stop
        $token = ConvertTo-SecureString 'sim_canary_token_123' -AsPlainText -Force
        "$(@(Get-CopilotSeat -Organization octo-lab -ApiUrl $using:Url -Token $token).Count)"
    }
    catch { "ERR $($_.Exception.Message)" }
}
[pscustomobject]@{ Results = @($results) } | ConvertTo-Json -Compress
'@
        @($r.Results).Count | Should -Be 8
        $r.Results | Should -Not -Match '^ERR' -Because ($r.Results -join '; ')
        @($r.Results | Select-Object -Unique) | Should -Be @('30')
    }
}
