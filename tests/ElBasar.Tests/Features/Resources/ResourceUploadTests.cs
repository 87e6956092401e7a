using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Resources;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Resources;

/// <summary>Facilitators add documents through the real form; files are checked by their bytes and served as downloads.</summary>
public sealed class ResourceUploadTests
{
    [SkippableTheory, BothDatabases]
    public async Task A_facilitator_adds_a_pdf_and_a_visitor_downloads_it_as_an_attachment_with_its_real_type(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var facilitator = await Library.FacilitatorAsync(app);
        var pdf = TestDocuments.Pdf();

        var added = await Library.PostAsync(facilitator, "/ressources/nouvelle", Library.Fields(), ("Guide achats <2026>.pdf", pdf, "application/octet-stream"), ["purchasing", "cooperation"]);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var resource = await app.WithDbAsync((db, _) => db.Set<Resource>().Include(r => r.Themes).SingleAsync());
        Assert.Equal($"/ressources/{resource.Id}", added.Headers.Location?.OriginalString);
        Assert.Equal(("Guide achats -2026.pdf", "application/pdf", pdf.Length), (resource.FileName, resource.FileContentType, resource.FileSize));
        Assert.Equal(["cooperation", "purchasing"], resource.Themes.Select(t => t.Theme).Order());
        Assert.NotNull(resource.AddedByUserId);

        var download = await app.CreateClient().GetAsync($"/ressources/{resource.Id}/fichier");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Guide achats -2026.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());

        var page = Html.VisibleText(await app.GetPageAsync($"/ressources/{resource.Id}"));
        Assert.Contains("Guide des achats responsables", page);
        Assert.Contains("Télécharger « Guide achats -2026.pdf » (PDF, 1 ko)", page);
        Assert.Contains("Achats responsables", page);
        Assert.Contains("Coopération entre structures", page);

        var replaced = await Library.PostAsync(facilitator, $"/ressources/{resource.Id}/modifier", Library.Fields(), ("affiche.png", TestDocuments.Png(), "image/png"));
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        var again = await app.CreateClient().GetAsync($"/ressources/{resource.Id}/fichier");
        Assert.Equal("image/png", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestDocuments.Png(), await again.Content.ReadAsByteArrayAsync());
    }

    [SkippableTheory, BothDatabases]
    public async Task A_png_image_and_a_word_document_built_here_are_accepted(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var facilitator = await Library.FacilitatorAsync(app);

        var png = await Library.PostAsync(facilitator, "/ressources/nouvelle", Library.Fields("Affiche de l'apéro"), ("affiche.png", TestDocuments.Png(), "image/png"));
        var docx = await Library.PostAsync(facilitator, "/ressources/nouvelle", Library.Fields("Modèle de convention"), ("convention.docx", TestDocuments.Docx(), "application/octet-stream"));

        Assert.Equal(HttpStatusCode.Redirect, png.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, docx.StatusCode);
        var types = await app.WithDbAsync((db, _) => db.Set<Resource>().OrderBy(r => r.Title).Select(r => r.FileContentType).ToListAsync());
        Assert.Equal(["image/png", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"], types);
    }

    [SkippableTheory, BothDatabases]
    public async Task Html_named_pdf_a_program_and_a_zip_of_other_things_are_refused_in_French_keeping_what_was_typed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var facilitator = await Library.FacilitatorAsync(app);

        foreach (var (name, bytes) in new[] { ("rapport.pdf", TestDocuments.Html()), ("outil.exe", TestDocuments.Exe()), ("archive.zip", TestDocuments.OtherZip()) })
        {
            var refused = await Library.PostAsync(facilitator, "/ressources/nouvelle", Library.Fields("Rapport annuel 2025"), (name, bytes, "application/pdf"), ["funding"]);

            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains($"« {name} » : {DocumentCheck.NotAcceptedMessage}", Html.VisibleText(html));
            Assert.Contains("value=\"Rapport annuel 2025\"", html);
            Assert.Contains("Comment acheter à un autre membre du réseau.", Html.VisibleText(html));
            Assert.Matches("<input type=\"checkbox\" name=\"Input.Themes\" value=\"funding\" checked", html);
        }
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Set<Resource>().CountAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_file_over_the_size_setting_is_refused_with_its_limit_keeping_what_was_typed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new() { ["Resources:MaxFileMegabytes"] = "1" });
        var facilitator = await Library.FacilitatorAsync(app);
        var large = new byte[1536 * 1024];
        TestDocuments.Pdf().CopyTo(large, 0);

        var refused = await Library.PostAsync(facilitator, "/ressources/nouvelle", Library.Fields("Étude de la mobilité partagée"), ("etude.pdf", large, "application/pdf"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("« etude.pdf » : Le fichier dépasse 1 Mo", Html.VisibleText(html));
        Assert.Contains("1 Mo au plus", Html.VisibleText(html));
        Assert.Contains("value=\"Étude de la mobilité partagée\"", System.Net.WebUtility.HtmlDecode(html));
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Set<Resource>().CountAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_request_far_over_the_size_setting_is_cut_off_before_it_is_read(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new() { ["Resources:MaxFileMegabytes"] = "1" });
        var facilitator = await Library.FacilitatorAsync(app);

        var refused = await Library.PostAsync(facilitator, "/ressources/nouvelle", Library.Fields(), ("enorme.pdf", new byte[4 * 1024 * 1024], "application/pdf"));

        // The form is never read: an error page, not the form with its message (that is for files a little over).
        Assert.True(refused.StatusCode >= HttpStatusCode.BadRequest, $"{refused.StatusCode}");
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Set<Resource>().CountAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task Only_facilitators_add_a_link_must_be_web_and_a_file_becomes_a_link_then_is_removed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var visitor = await app.Browser().GetAsync("/ressources/nouvelle");
        var member = await Library.PersonAsync(app, "camille@example.org");
        var facilitator = await Library.FacilitatorAsync(app);

        Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
        Assert.StartsWith("/compte/connexion", visitor.Headers.Location?.PathAndQuery);
        var refused = await member.GetAsync("/ressources/nouvelle");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/erreur/403", refused.Headers.Location?.PathAndQuery);
        Assert.DoesNotContain("/ressources/nouvelle", await member.GetStringAsync("/ressources"));

        var javascript = new Dictionary<string, string>(Library.Fields()) { ["Input.Link"] = "javascript:alert(1)" };
        var badLink = await Library.PostAsync(facilitator, "/ressources/nouvelle", javascript);
        Assert.Equal(HttpStatusCode.OK, badLink.StatusCode);
        Assert.Contains("commençant par http:// ou https://", Html.VisibleText(await badLink.Content.ReadAsStringAsync()));
        var nothing = await Library.PostAsync(facilitator, "/ressources/nouvelle", Library.Fields());
        Assert.Contains("Joignez un fichier, ou donnez un lien vers le document.", Html.VisibleText(await nothing.Content.ReadAsStringAsync()));

        var resource = await Library.SaveAsync(app, "Compte rendu du comité", themes: ["food", "energy"], file: TestDocuments.Pdf());
        var edit = $"/ressources/{resource.Id}/modifier";
        Assert.StartsWith("/erreur/403", (await member.GetAsync(edit)).Headers.Location?.PathAndQuery);
        var toLink = new Dictionary<string, string>(Library.Fields("Compte rendu du comité")) { ["Input.Kind"] = "minutes", ["Input.Link"] = "https://example.org/cr.pdf" };
        Assert.Equal(HttpStatusCode.Redirect, (await Library.PostAsync(facilitator, edit, toLink, themes: ["energy", "funding"])).StatusCode);
        var changed = await app.WithDbAsync((db, _) => db.Set<Resource>().Include(r => r.Themes).SingleAsync());
        Assert.Equal(["energy", "funding"], changed.Themes.Select(t => t.Theme).Order());
        Assert.Equal(("https://example.org/cr.pdf", null, ResourceKind.Minutes), (changed.Link, changed.FileName, changed.Kind));
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Set<ResourceFile>().CountAsync()));

        var removed = await Library.PostAsync(facilitator, edit, new Dictionary<string, string>(), handler: "Remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/ressources/{resource.Id}")).StatusCode);
    }
}
