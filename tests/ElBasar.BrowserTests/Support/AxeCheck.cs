using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace ElBasar.BrowserTests.Support;

/// <summary>
/// Runs axe-core (from npm, copied beside the tests by the build) on the page as it is now, and
/// fails on any serious or critical violation of WCAG 2.1 A/AA or of axe's best practices.
/// </summary>
public static class AxeCheck
{
    static readonly string ScriptPath = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");

    const string RunAxe =
        """
        async () => {
            const results = await axe.run(document, {
                runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
            });
            return results.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({
                    id: v.id,
                    impact: v.impact,
                    help: v.help,
                    helpUrl: v.helpUrl,
                    targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' ')),
                }));
        }
        """;

    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new() { Path = ScriptPath });
        }
        var found = await page.EvaluateAsync<JsonElement>(RunAxe);
        var violations = found.Deserialize<Violation[]>(JsonSerializerOptions.Web)!;
        if (violations.Length == 0) return;

        var message = new StringBuilder()
            .AppendLine($"axe found {violations.Length} serious or critical accessibility violation(s) on {page.Url}:");
        foreach (var v in violations)
        {
            message.AppendLine($"- {v.Id} ({v.Impact}): {v.Help} <{v.HelpUrl}>");
            foreach (var target in v.Targets) message.AppendLine($"    {target}");
        }
        Assert.Fail(message.ToString());
    }

    sealed record Violation(string Id, string Impact, string Help, string HelpUrl, string[] Targets);
}
