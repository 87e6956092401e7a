using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Resources;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Resources;

public sealed class ResourceDemoTests
{
    [SkippableTheory, BothDatabases]
    public async Task The_demo_network_has_a_library_with_public_links_and_minutes_for_members(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new() { ["Demo:Seed"] = "true" });

        var list = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/resources?q=guides");
        var minutes = await app.WithDbAsync((db, _) => db.Set<Resource>().Where(r => r.Kind == ResourceKind.Minutes).Select(r => r.Audience).ToListAsync());

        Assert.Equal("Guide des achats responsables entre structures de l'ESS", list.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Equal([ResourceAudience.Members], minutes);
        Assert.DoesNotContain("comité d'animation", Html.VisibleText(await app.GetPageAsync("/ressources")));
    }
}
