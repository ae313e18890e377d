namespace Smi.Cli.Completion;

/// <summary>
/// Shell completion scripts. Each asks <c>smi</c> itself for the candidates through System.CommandLine's
/// <c>[suggest:POSITION]</c> directive, so the scripts never go stale when commands or options change.
/// </summary>
internal static class CompletionScripts
{
    /// <summary>The shells a script exists for.</summary>
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "fish", "pwsh"];

    /// <summary>The script of one shell, completing both <c>smi</c> and <c>kubectl-smi</c>.</summary>
    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "fish" => Fish,
        "pwsh" => Pwsh,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "no completion script for this shell"),
    };

    private const string Bash = """
        # bash completion for smi; load it with: source <(smi completion bash)
        _smi_complete()
        {
            local line="${COMP_LINE:0:COMP_POINT}"
            local candidates
            candidates="$(smi "[suggest:${#line}]" "$line" 2>/dev/null)"
            local IFS=$'\n'
            COMPREPLY=($(compgen -W "$candidates" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _smi_complete smi
        complete -o default -F _smi_complete kubectl-smi

        """;

    private const string Zsh = """
        #compdef smi kubectl-smi
        # zsh completion for smi; load it with: source <(smi completion zsh)
        _smi_complete()
        {
            local line="${(j: :)words[1,CURRENT]}"
            local -a candidates
            candidates=("${(@f)$(smi "[suggest:${#line}]" "$line" 2>/dev/null)}")
            compadd -a candidates
        }
        compdef _smi_complete smi kubectl-smi

        """;

    private const string Fish = """
        # fish completion for smi; load it with: smi completion fish | source
        function __smi_complete
            set -l line (commandline -cp)
            smi "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
        end
        complete -c smi -f -a '(__smi_complete)'
        complete -c kubectl-smi -f -a '(__smi_complete)'

        """;

    private const string Pwsh = """
        # PowerShell completion for smi; load it with: smi completion pwsh | Out-String | Invoke-Expression
        $smiCompleter = {
            param($wordToComplete, $commandAst, $cursorPosition)
            $line = $commandAst.ToString()
            $position = $cursorPosition - $commandAst.Extent.StartOffset
            smi "[suggest:$position]" "$line" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }
        Register-ArgumentCompleter -Native -CommandName smi, kubectl-smi -ScriptBlock $smiCompleter

        """;
}
