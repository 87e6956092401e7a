using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ElBasar.Tests.Features.Federation;

/// <summary>A partner installation played by the test: answers each feed request as <see cref="Answer"/> says.</summary>
sealed class FakePartner : IAsyncDisposable
{
    readonly WebApplication _app;
    bool _stopped;
    public string BaseUrl { get; }
    public Func<HttpRequest, (int Status, string ContentType, string? Cursor, string Body)> Answer { get; set; } = _ => (404, "text/plain", null, "");
    public List<string> Queries { get; } = [];
    public List<string> Authorizations { get; } = [];

    FakePartner(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FakePartner> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakePartner? partner = null;
        app.MapGet("/api/v1/feed/listings", (HttpContext context) =>
        {
            lock (partner!.Queries) partner.Queries.Add(context.Request.QueryString.Value?.TrimStart('?') ?? "");
            if (context.Request.Headers.Authorization.Count > 0) partner.Authorizations.Add(context.Request.Headers.Authorization.ToString());
            var (status, type, cursor, body) = partner.Answer(context.Request);
            if (cursor is not null) context.Response.Headers["Feed-Cursor"] = cursor;
            context.Response.Headers["Feed-More"] = "false";
            return Results.Text(body, type, statusCode: status);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        partner = new FakePartner(app, address);
        return partner;
    }

    /// <summary>Stops the partner (it is then offline); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
