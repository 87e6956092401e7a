namespace ElBasar.Bench.Generate;

/// <summary>
/// The words generated listings are made of. Every list is written most common first: the
/// composer draws from it with a Zipf-like law, so "vélo" or "tonnelle" turn up everywhere and
/// "tricycle" or "castelet" rarely, which is what a full-text index meets on a real site.
/// Nouns carry their gender ("f:tonnelle"), "mp:"/"fp:" marks a noun used in the plural only,
/// and "singulier/pluriel" spells out an irregular plural.
/// </summary>
static class Vocabulary
{
    static string[] L(string items) => items.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>What a listing of a category is about: things (lent, given, sold, rented) and services (done, taught, offered as skills).</summary>
    public static readonly IReadOnlyList<CategoryWords> Categories =
    [
        new("equipment", 0.9, Subject.Thing, Subject.Service,
            L("""
              f:tonnelle|m:barnum|m:vidéoprojecteur|f:scie sauteuse|f:perceuse-visseuse|f:table pliante|m:escabeau|f:sono portable|
              m:percolateur|f:chaise pliante|m:écran de projection|m:groupe électrogène|m:nettoyeur haute pression|f:ponceuse|
              f:scie circulaire|m:perforateur|f:remorque|m:diable|f:rallonge électrique|m:chapiteau|f:grille d'exposition|
              f:machine à coudre|m:barbecue|f:plancha|f:glacière|f:crêpière|m:appareil à raclette|f:fontaine à eau|f:cafetière|
              m:transpalette|m:enrouleur|m:projecteur LED|m:paperboard|m:tableau blanc|m:réfrigérateur|m:four à pizza|f:friteuse|
              f:bouilloire|m:micro-ondes|m:lave-vaisselle|m:aspirateur|f:shampouineuse|m:déshumidificateur|m:radiateur d'appoint|
              m:ventilateur|f:caisse à outils|m:établi|f:meuleuse|m:niveau laser|f:échelle|f:bâche|m:stand parapluie|m:kakémono|
              f:vitrine réfrigérée|m:congélateur coffre|f:balance|m:massicot|f:plastifieuse|f:relieuse|f:machine à café|
              m:micro sans fil|f:table de mixage|m:pupitre|m:podium|f:estrade|f:barrière de sécurité|m:extincteur|
              f:trousse de secours|m:défibrillateur|f:surjeteuse|f:table de brasserie|m:banc de brasserie|m:chauffe-plat|
              m:samovar|f:tireuse à bière|m:gaufrier|f:machine à barbe à papa|m:mange-debout|m:fût|f:desserte|m:portant|
              m:cintre|f:cabine d'essayage|m:chevalet|m:lutrin|f:corde|m:mousqueton|m:harnais|f:tente|m:hamac|m:brasero
              """),
            L("""
              f:location de matériel|f:installation de tonnelles|m:montage de chapiteau|f:livraison de matériel|
              f:sonorisation|m:prêt de matériel|f:réparation de petit électroménager|m:affûtage d'outils
              """)),
        new("premises", 0.92, Subject.Premises, Subject.Service,
            L("""
              f:salle de réunion|m:bureau partagé|m:local de stockage|m:atelier|f:cuisine professionnelle|f:salle polyvalente|
              m:espace de coworking|f:salle de formation|m:entrepôt|m:garage|m:jardin partagé|f:parcelle de jardin|
              f:salle de danse|m:studio de répétition|m:box de stockage|m:hangar|f:boutique éphémère|m:poste de travail|
              m:local commercial|f:salle d'exposition|m:terrain|f:serre|f:cave|m:bureau fermé|f:salle de sport|
              f:chambre froide|m:laboratoire de cuisine|f:place de parking|f:cour|m:préau|m:grenier|f:salle de spectacle|
              m:auditorium|m:tiers-lieu|m:fablab|m:local associatif|f:salle de classe|m:espace d'accueil|f:salle de musique|
              m:studio photo|m:atelier bois|m:atelier couture|m:local vélo|f:péniche|m:gîte de groupe|m:cellier|m:gymnase|
              f:salle des fêtes|m:open space|f:salle de visioconférence|m:local d'activité|f:friche|m:quai de chargement|
              f:ancienne école|f:grange|m:corps de ferme|m:verger|m:potager|m:rez-de-chaussée|f:vitrine|m:espace de stockage
              """),
            L("f:sous-location|f:domiciliation|m:partage de locaux|f:mise à disposition de salle|m:accueil en résidence")),
        new("mobility", 0.75, Subject.Thing, Subject.Service,
            L("""
              m:vélo cargo|m:vélo électrique|m:utilitaire|m:minibus|f:camionnette|m:vélo|f:remorque vélo|m:triporteur|
              f:voiture|m:fourgon|m:camion benne|f:trottinette électrique|m:tandem|m:vélo adapté|f:remorque plateau|
              m:porte-vélos|m:siège enfant|m:antivol|f:pompe à vélo|m:casque|m:véhicule frigorifique|m:chariot élévateur|
              m:tracteur|m:vélo pliant|m:tricycle|m:biporteur|f:carriole|m:vélo-taxi|f:bicyclette|m:scooter|m:kit de réparation|
              m:vélo de course|m:VTT|f:draisienne|m:vélo enfant|m:camion|m:véhicule électrique|f:voiture sans permis|
              m:fauteuil roulant|m:déambulateur|f:sacoche|m:porte-bagages|f:batterie de vélo|f:roue|m:pneu|f:chambre à air
              """),
            L("""
              m:covoiturage|m:transport de personnes|f:livraison à vélo|m:déménagement|f:réparation de vélos|
              m:entretien de vélos|f:vélo-école|m:marquage de vélos|m:transport de marchandises|f:navette|
              m:auto-partage|m:transport solidaire|f:location de vélos|m:accompagnement à la mobilité|m:code de la route
              """)),
        new("food", 0.75, Subject.Food, Subject.Service,
            L("""
              mp:invendus de boulangerie|mp:légumes bio|mp:fruits de saison|m:panier de légumes|mp:repas|mp:pommes de terre|
              mp:colis alimentaires|mp:œufs frais|m:miel local|mp:conserves|mp:pommes|mp:produits laitiers|m:pain|f:farine|
              mp:plats cuisinés|f:soupe|mp:gâteaux|m:jus de pomme|f:bière artisanale|m:fromage|mp:chicons|mp:endives|
              mp:produits secs|mp:surplus de récolte|f:confiture|mp:poireaux|mp:oignons|mp:carottes|mp:betteraves|
              f:viande locale|mp:goûters|m:café équitable|m:thé|mp:épices|mp:fruits secs|mp:sandwichs|mp:plateaux repas|
              m:lait cru|mp:yaourts|m:cidre|m:maroilles|mp:plants de légumes|mp:graines|f:bière de garde|mp:gaufres|
              f:tarte au sucre|mp:frites|m:potjevleesch|f:flamiche|mp:lentilles|mp:pâtes|m:riz|f:huile de colza|
              mp:fraises|mp:cerises|mp:poires|mp:choux|m:chou-fleur|mp:courges|mp:herbes aromatiques|m:vin|mp:biscuits
              """),
            L("""
              m:service traiteur|f:restauration collective|m:buffet|m:repas partagé|f:cuisine solidaire|f:livraison de repas|
              m:portage de repas|f:épicerie solidaire|m:atelier cuisine|f:glanage|f:cueillette|f:transformation de fruits|
              f:collecte alimentaire|f:distribution de colis|m:brunch|m:cocktail|m:pique-nique
              """)),
        new("goods", 0.92, Subject.Thing, Subject.Service,
            L("""
              mp:cartons de déménagement|mp:fournitures de bureau|mp:vêtements|mp:jouets|mp:livres|mp:meubles de bureau|
              m:mobilier|f:vaisselle|mp:gobelets réutilisables|mp:tissus|mp:palettes|mp:chutes de bois|f:laine|mp:bocaux|
              mp:sacs en tissu|mp:cartouches d'encre|m:matériel de puériculture|f:literie|mp:draps|mp:rideaux|f:peinture|
              mp:produits d'entretien|mp:jeux de société|mp:fournitures scolaires|mp:cahiers|mp:crayons|mp:classeurs|
              m:matériel de loisirs créatifs|mp:chaussures|mp:manteaux|mp:pièces détachées|mp:pneus|mp:planches|mp:carrelages|
              mp:luminaires|f:étagère|f:armoire|m:canapé|m:bureau|f:chaise de bureau|m:fauteuil|mp:cartons|mp:enveloppes|
              mp:étiquettes|mp:bidons|mp:outils de jardin|mp:verres réutilisables|mp:couverts|mp:nappes|f:mercerie|
              mp:boutons|mp:fils à coudre|mp:pots de fleurs|mp:cadres|mp:miroirs|m:linge de maison|mp:serviettes|
              mp:couvertures|mp:sacs de couchage|mp:valises|mp:cartables|mp:instruments de cuisine|f:batterie de cuisine|
              mp:casseroles|mp:assiettes|f:bibliothèque|m:casier|m:vestiaire|f:table basse|mp:tabourets|m:tapis|
              mp:coussins|mp:jeux d'extérieur|mp:ballons|m:matériel de sport|mp:raquettes|mp:kimonos|mp:trottinettes
              """),
            L("f:collecte de vêtements|m:tri de dons|f:vente au poids|f:braderie solidaire|m:relooking de meubles|f:customisation")),
        new("communication", 0.25, Subject.Thing, Subject.Service,
            L("""
              m:appareil photo/appareils photo|f:caméra|m:trépied|m:kit d'éclairage|m:micro-cravate|m:enregistreur|m:fond vert|
              f:imprimante grand format|m:drone|f:perche|m:prompteur|m:objectif|f:table lumineuse|m:stabilisateur|
              m:réflecteur|f:presse à badges|f:presse à t-shirts|m:écran de sérigraphie|mp:projecteurs photo
              """),
            L("""
              m:graphisme|f:création de logo|f:mise en page|f:photographie|f:vidéo|m:montage vidéo|f:rédaction|f:relecture|
              f:traduction|m:community management|f:impression|f:sérigraphie|f:conception d'affiches|f:charte graphique|
              f:illustration|m:podcast|f:réalisation de flyers|f:communication|fp:relations presse|
              f:animation des réseaux sociaux|f:stratégie de communication|f:lettre d'information|f:plaquette|
              f:signalétique|f:captation vidéo|m:tournage|m:sous-titrage|m:web design|f:identité visuelle|
              m:reportage photo|m:motion design|f:infographie|m:journal associatif|f:prise de vue par drone|
              f:communication de crise|f:campagne d'affichage|m:rapport d'activité|f:vidéo promotionnelle|f:radio associative|
              m:dessin de presse|f:bande dessinée|f:facilitation graphique|m:storytelling|f:photographie culinaire
              """)),
        new("digital", 0.35, Subject.Thing, Subject.Service,
            L("""
              m:ordinateur portable|m:ordinateur de bureau|f:imprimante|m:écran|m:serveur|f:tablette|m:smartphone|m:clavier|
              f:souris|m:disque dur|m:routeur|m:photocopieur|m:scanner|m:onduleur|f:borne wifi|m:câble réseau|f:webcam|
              m:casque audio|f:clé USB|m:Raspberry Pi|f:imprimante 3D|f:découpeuse laser|m:switch|f:station d'accueil|
              m:NAS|m:vidéoprojecteur interactif|f:tablette graphique|m:ordinateur reconditionné/ordinateurs reconditionnés
              """),
            L("""
              f:création de site internet|f:maintenance informatique|m:dépannage informatique|m:développement web|
              f:formation bureautique|f:sauvegarde des données|m:réseau wifi|m:logiciel libre|f:cybersécurité|
              f:base de données|m:hébergement|f:installation de Linux|m:référencement|m:accompagnement numérique|
              m:tableur|f:inclusion numérique|f:migration vers Nextcloud|m:paramétrage de messagerie|
              m:formulaire en ligne|f:administration système|f:visioconférence|f:billetterie en ligne|
              f:médiation numérique|f:automatisation|m:nom de domaine|f:application mobile|m:logiciel de gestion|
              f:boutique en ligne|m:reconditionnement d'ordinateurs|f:protection des données|f:cartographie en ligne|
              m:outil collaboratif|f:gestion des adhérents|f:comptabilité en ligne|m:intranet|f:accessibilité numérique
              """)),
        new("training", 0.05, Subject.Thing, Subject.Service,
            L("mp:supports de formation|m:kit pédagogique|mp:mannequins de secourisme|f:malle pédagogique|mp:jeux pédagogiques"),
            L("""
              f:formation aux premiers secours|f:formation à la comptabilité|m:accompagnement à la création d'activité|
              f:formation à l'animation|m:atelier d'écriture|m:cours de français|f:alphabétisation|f:formation BAFA|
              m:tutorat|m:soutien scolaire|m:accompagnement VAE|f:prise de parole en public|f:gestion de projet|
              m:montage de dossiers|f:éducation populaire|f:formation HACCP|f:formation au compostage|
              f:gouvernance partagée|m:accompagnement au recrutement|m:mentorat|m:coaching|f:formation sécurité|
              f:facilitation|f:gestion associative|m:atelier CV|f:préparation aux entretiens|m:cours de cuisine|
              m:atelier couture|m:atelier réparation|mp:gestes qui sauvent|f:formation des bénévoles|
              f:formation au numérique|f:sensibilisation au handicap|f:formation des formateurs|f:langue des signes|
              m:cours d'anglais|f:conduite de réunion|f:communication non violente|f:intelligence collective|
              f:formation à l'éco-conduite|m:permis de conduire|f:remise à niveau|f:formation professionnelle
              """)),
        new("advice", 0.0, Subject.Thing, Subject.Service,
            [],
            L("""
              f:comptabilité|m:conseil juridique|f:expertise comptable|m:droit du travail|f:gestion de la paie|
              f:demande de subvention|m:dossier européen|f:stratégie|f:gouvernance|f:fiscalité des associations|
              f:étude de marché|m:plan de financement|f:assurance|m:commissariat aux comptes|
              m:conseil en économie sociale et solidaire|m:accompagnement DLA|m:RGPD|mp:marchés publics|
              fp:ressources humaines|f:transformation en SCIC|mp:statuts|f:évaluation d'impact|m:bilan carbone|
              m:diagnostic énergétique|f:gestion de trésorerie|f:levée de fonds|m:mécénat|m:financement participatif|
              m:conseil en organisation|f:médiation|f:analyse de pratiques|m:développement durable|m:business plan|
              f:prévention des risques|m:document unique|f:qualité de vie au travail|f:propriété intellectuelle|
              m:droit des associations|f:responsabilité sociétale|m:modèle économique|f:reprise d'entreprise|
              f:transmission en SCOP|m:contrôle de gestion|m:tableau de bord|f:comptabilité analytique|m:bail commercial
              """)),
        new("culture", 0.3, Subject.Thing, Subject.Service,
            L("""
              mp:costumes|mp:instruments de musique|m:piano|f:batterie|m:décor|mp:jeux en bois|mp:jeux géants|
              m:rideau de scène|mp:projecteurs de scène|f:console lumière|mp:gradins|m:castelet|f:structure gonflable|
              mp:stands de kermesse|fp:guirlandes lumineuses|m:parquet de danse|f:boule à facettes|mp:déguisements|
              f:machine à fumée|mp:praticables|m:orgue de Barbarie|mp:géants du Nord|f:marionnette|mp:chapeaux|
              mp:livres jeunesse|mp:disques vinyles|f:platine|mp:tapis de jeu
              """),
            L("""
              f:animation de soirée|m:concert|m:spectacle|m:atelier théâtre|m:atelier de danse|m:conte|m:DJ|f:fanfare|
              f:animation jeux|f:lecture publique|m:atelier d'arts plastiques|f:exposition|f:visite guidée|m:cirque|
              fp:marionnettes|f:chorale|m:karaoké|m:ciné-débat|m:bal folk|f:batucada|m:clown|f:jonglerie|m:atelier slam|
              f:photographie participative|f:fresque participative|f:animation pour enfants|m:quiz|m:blind test|
              m:spectacle jeune public|m:théâtre forum|f:résidence d'artiste|m:atelier mosaïque|f:musique|f:danse|
              m:graff|m:street art|f:lecture de contes|m:apéro-concert|m:escape game|m:jeu de piste|f:sculpture|
              f:poterie|f:céramique|m:tricot|f:broderie|m:origami|f:calligraphie
              """)),
        new("building", 0.35, Subject.Thing, Subject.Service,
            L("""
              f:bétonnière|m:échafaudage|mp:matériaux de réemploi|f:laine de bois|fp:briques|fp:tuiles|fp:portes|
              fp:fenêtres|f:ponceuse à parquet|m:marteau-piqueur|mp:sacs de plâtre|f:scie à onglet|mp:panneaux solaires|
              f:chaudière|mp:radiateurs|mp:parpaings|m:sable|fp:poutres|m:plancher|f:laine de verre|fp:plaques de plâtre|
              m:poêle à bois|m:ballon d'eau chaude|m:lavabo|f:baignoire|m:évier|f:porte-fenêtre|mp:volets|
              m:parquet|fp:dalles|f:chaux|m:ciment|f:isolation|mp:bois de charpente|fp:ardoises|m:escalier
              """),
            L("""
              f:isolation des combles|f:plomberie|f:électricité|fp:peintures intérieures|f:menuiserie|f:maçonnerie|
              m:carrelage|f:plâtrerie|f:rénovation énergétique|f:pose de fenêtres|f:couverture|m:chantier participatif|
              m:audit énergétique|f:installation de panneaux solaires|f:rénovation|f:démolition|m:terrassement|
              f:éco-construction|f:construction en paille|m:enduit à la chaux|f:pose de parquet|f:réparation de toiture|
              f:mise aux normes électriques|f:accessibilité|m:diagnostic amiante|m:chauffage|f:ventilation|
              f:auto-réhabilitation|m:bricolage|f:serrurerie|f:soudure|f:charpente|f:ébénisterie|f:pose de cuisine|
              f:rénovation de façade|m:ravalement|f:étanchéité|f:récupération d'eau de pluie|f:construction bois
              """)),
        new("maintenance", 0.3, Subject.Thing, Subject.Service,
            L("""
              f:débroussailleuse|m:broyeur de végétaux|m:motoculteur|mp:outils de jardinage|m:composteur|f:tronçonneuse|
              m:aspirateur de chantier|f:autolaveuse|m:chariot de ménage|f:tondeuse autoportée|m:scarificateur|
              m:nettoyeur vapeur|mp:sacs de terreau|m:récupérateur d'eau|f:tondeuse|m:taille-haie|m:souffleur de feuilles|
              f:brouette|m:râteau|f:bêche|m:sécateur|m:tuyau d'arrosage|m:lombricomposteur|f:grelinette
              """),
            L("""
              m:nettoyage des locaux|m:entretien des espaces verts|f:tonte|f:taille de haies|m:élagage|m:ménage|
              m:désherbage|m:lavage de vitres|m:débarras|mp:petits travaux|f:réparation|m:nettoyage après événement|
              m:ramassage de déchets|m:broyage de végétaux|m:compostage|m:entretien de jardin|m:gardiennage|
              f:conciergerie|m:nettoyage de véhicules|f:désinfection|m:démoussage|m:tri des déchets|
              f:collecte de biodéchets|f:réparation d'électroménager|m:repair café|m:entretien de toiture|
              f:gestion différenciée|f:plantation de haies|m:fauchage|m:potager|f:permaculture|f:apiculture|
              m:nettoyage de printemps|f:blanchisserie|m:repassage|f:retouche de vêtements|f:cordonnerie
              """)),
        new("people", 0.0, Subject.Thing, Subject.People,
            [],
            L("""
              m:accueil du public|m:encadrement d'ateliers|f:distribution alimentaire|m:bénévolat|m:service civique|
              f:tenue de stand|m:chauffeur-livreur|f:aide administrative|f:animation|m:accompagnement de personnes âgées|
              f:garde d'enfants|f:permanence téléphonique|f:saisie de données|f:collecte alimentaire|m:tri de vêtements|
              f:logistique d'événement|m:renfort en cuisine|f:mise en rayon|m:remplacement de congé|
              f:mise à disposition de personnel|m:apprentissage|m:stage|m:parrainage|f:alternance|f:médiation sociale|
              f:aide aux devoirs|f:visite à domicile|m:bricolage solidaire|m:portage de livres|m:interprétariat|
              m:écrivain public|m:groupement d'employeurs|m:emploi partagé|f:coordination de bénévoles|f:caisse|
              f:billetterie|m:service en salle|f:plonge|m:montage de stands|f:sécurité d'événement|m:secrétariat|
              f:comptabilité bénévole|f:trésorerie|f:présidence d'association|m:conseil d'administration
              """)),
        new("other", 0.5, Subject.Thing, Subject.Service,
            L("""
              m:matériel divers|mp:objets de récupération|m:lot de fournitures|mp:billets de spectacle|mp:lots pour tombola|
              mp:bons d'achat|m:don en nature|f:idée de projet|mp:invitations|m:espace publicitaire|mp:objets trouvés|
              f:collection|m:lot d'objets|mp:bibelots|mp:disques|mp:timbres|fp:cartes postales|mp:souvenirs
              """),
            L("""
              m:partenariat|f:mise en relation|m:coup de pouce|f:visibilité|m:parrainage d'entreprise|f:collecte solidaire|
              m:relais d'information|f:co-organisation|m:échange de pratiques|m:partage d'expérience|f:entraide|
              m:jumelage|m:projet commun|f:réponse à un appel à projets|m:consortium
              """)),
    ];

    /// <summary>Agreeing adjectives: "masculin/féminin", or "=" for an invariable phrase.</summary>
    public static readonly string[] ThingAdjectives = L("""
        =en bon état|=en très bon état|neuf/neuve|=d'occasion|pliant/pliante|robuste|léger/légère|
        professionnel/professionnelle|électrique|portable|grand/grande|petit/petite|récent/récente|
        reconditionné/reconditionnée|démontable|complet/complète|propre|fonctionnel/fonctionnelle|solide|pratique|
        compact/compacte|silencieux/silencieuse|performant/performante|étanche|mobile|modulable|révisé/révisée|
        entretenu/entretenue|=quasi neuf|inutilisé/inutilisée|=vintage|ergonomique|rechargeable|autonome|
        renforcé/renforcée|imperméable|réglable|=grand format|=XXL|lourd/lourde|homologué/homologuée|
        réparable|recyclé/recyclée|=de qualité|=comme neuf|ancien/ancienne|=peu servi|=jamais utilisé|
        =sous garantie|=avec sa housse|=en état de marche|=à réviser|=à réparer|original/originale|
        résistant/résistante|maniable|transportable|=de marque|=en parfait état|=dernier modèle|familial/familiale|
        collectif/collective|durable|=bon marché|puissant/puissante|=sans fil|=hors service|robotisé/robotisée
        """);

    public static readonly string[] PremisesAdjectives = L("""
        lumineux/lumineuse|équipé/équipée|spacieux/spacieuse|accessible|chauffé/chauffée|calme|central/centrale|
        rénové/rénovée|meublé/meublée|=de plain-pied|sécurisé/sécurisée|isolé/isolée|modulable|climatisé/climatisée|
        grand/grande|petit/petite|=tout équipé|=bien situé|=proche du métro|=proche de la gare|=avec parking|
        =avec cuisine|=avec jardin|=en centre-ville|insonorisé/insonorisée|fermé/fermée|indépendant/indépendante|
        =accessible PMR|=en rez-de-chaussée|=à l'étage|disponible|convivial/conviviale|agréable|atypique
        """);

    public static readonly string[] FoodAdjectives = L("""
        =bio|frais/fraîche|local/locale|=de saison|artisanal/artisanale|=fait maison|=en vrac|=du jour|
        =du jardin|=de producteurs locaux|=en circuit court|=invendu|=en conserve|=à consommer rapidement|
        =surgelé|=sans gluten|végétarien/végétarienne|équitable|=de la ferme|=du marché|cuisiné/cuisinée|
        délicieux/délicieuse|=du Nord|=de Picardie|=des Flandres|=de l'Avesnois|=du Pas-de-Calais
        """);

    public static readonly string[] ServiceAdjectives = L("""
        =sur mesure|=à prix solidaire|=clé en main|=pour débutants|=pour associations|ponctuel/ponctuelle|
        régulier/régulière|=à distance|=sur site|=en groupe|individuel/individuelle|personnalisé/personnalisée|
        professionnel/professionnelle|bénévole|gratuit/gratuite|rapide|=de qualité|=à la carte|complet/complète|
        =en soirée|=le week-end|=à domicile|adapté/adaptée|=en français facile|=sans engagement|=en urgence|
        collectif/collective|=pour tous|solidaire|=en binôme|=en visio|=en présentiel|expérimenté/expérimentée
        """);

    public static readonly string[] Verbs = L("""
        prêter|réparer|donner|partager|échanger|emprunter|louer|mutualiser|organiser|accueillir|transporter|installer|
        monter|démonter|nettoyer|animer|accompagner|former|aider|construire|rénover|cuisiner|jardiner|stocker|livrer|
        récupérer|recycler|trier|valoriser|réemployer|fabriquer|coudre|peindre|imprimer|photographier|filmer|
        enregistrer|conseiller|financer|développer|créer|concevoir|tester|entretenir|dépanner|déménager|héberger|
        mettre en commun|faire découvrir|sensibiliser|mobiliser|rassembler|fêter|exposer|présenter|remplacer|équiper|
        renforcer|lancer|structurer|professionnaliser|réduire les coûts|économiser|éviter le gaspillage|favoriser|
        soutenir|encourager|faciliter|simplifier|améliorer|agrandir|aménager|décorer|ranger|transmettre|apprendre|
        découvrir|expérimenter|réserver|planifier|coordonner|vendre|acheter|restaurer|bricoler|planter|semer|récolter|
        transformer|distribuer|collecter|informer|écouter|orienter|insérer|embaucher|recruter|évaluer|mesurer|
        documenter|numériser|sauvegarder|chiffrer|sécuriser|isoler|chauffer|éclairer|sonoriser|filmer en direct|
        diffuser|publier|rédiger|traduire|relire|illustrer|composer|répéter|jouer|danser|chanter|raconter
        """);

    /// <summary>Places, with their article so that "à" and "de" contract ("au centre social").</summary>
    public static readonly string[] Venues = L("""
        notre local|la maison de quartier|le centre social|la médiathèque|la salle des fêtes|la mairie|le tiers-lieu|
        la ressourcerie|la recyclerie|le jardin partagé|la maison des associations|l'école|le collège|le lycée|la gare|
        le marché couvert|la place du marché|le parc|la MJC|l'espace de vie sociale|le foyer rural|la friche|l'atelier|
        la cour de l'école|le gymnase|la ferme urbaine|la halle|le port|la plage|le beffroi|la citadelle|le terril|
        le canal|la base de loisirs|la zone d'activités|le centre-ville|le quartier de la gare|la salle paroissiale|
        l'estaminet|le café associatif|la brasserie|le marché de producteurs|la maison de santé|la pépinière d'entreprises|
        l'hôtel d'entreprises|le campus|l'université|l'IUT|le lycée agricole|la ferme pédagogique|le centre culturel|
        le théâtre|le conservatoire|la salle de concert|la bibliothèque|la ludothèque|la crèche|l'EHPAD|la résidence seniors|
        le foyer de jeunes travailleurs|la mission locale|l'épicerie solidaire|la boutique solidaire|le repair café|
        la vélo-école|le fablab|l'espace de coworking|la pépinière|le parc naturel|le marais|la baie de Somme|la forêt|
        la digue|l'ancienne filature|la cité minière|la base 11/19|le Louvre-Lens|la Piscine de Roubaix
        """);

    public static readonly string[] Events = L("""
        une fête de quartier|un repas partagé|une assemblée générale|un festival|une braderie|un marché de Noël|
        une bourse aux vêtements|un forum des associations|une journée portes ouvertes|un chantier participatif|
        un concert|un séminaire|une formation|un salon|une kermesse|un vide-grenier|une ducasse|un carnaval|
        la braderie de Lille|une fête d'école|un repair café|une disco soupe|une conférence|une soirée jeux|un tournoi|
        une course solidaire|un marché de producteurs|la fête des voisins|la semaine du développement durable|
        un week-end de formation|un atelier parents-enfants|une collecte|un pique-nique|un apéro-concert|
        une exposition|un ciné plein air|la fête de la musique|les journées du patrimoine|un anniversaire|
        une réunion publique|un séjour|une sortie nature|une distribution|une inauguration|un spectacle de fin d'année|
        un goûter|un loto|une soirée dansante|un bal|un mariage|un salon de l'emploi|une journée d'étude|
        un hackathon|une nuit des musées|un marché aux puces|une fête de la science|un trail|une randonnée|
        une fête des jardins|un troc de plantes|une gratiferia|une foire aux livres|un tournoi de foot|un défilé
        """);

    public static readonly string[] Audiences = L("""
        les jeunes du quartier|les familles|les bénévoles|les salariés|les adhérents|les habitants|les enfants|
        les personnes âgées|les demandeurs d'emploi|les étudiants|les structures du réseau|les associations|
        les petites entreprises|les artisans|les agriculteurs|les commerçants|les écoles|les parents|les seniors|
        les personnes en situation de handicap|les nouveaux arrivants|les allocataires du RSA|les réfugiés|
        les collégiens|les lycéens|les apprentis|les porteurs de projet|les créateurs d'entreprise|les coopérateurs|
        les élus|les habitants du bassin minier|les sportifs|les résidents|les locataires|les producteurs locaux|
        les femmes isolées|les mères seules|les jeunes majeurs|les salariés en insertion|les aidants|les retraités|
        les travailleurs indépendants|les micro-entrepreneurs|les maraîchers|les éleveurs|les artistes|les musiciens|
        les compagnies de théâtre|les clubs sportifs|les centres sociaux|les crèches|les EHPAD|les collectivités
        """);

    public static readonly string[] Times = L("""
        dès maintenant|le week-end|en semaine|le samedi matin|pendant les vacances scolaires|tout l'été|
        jusqu'à fin juin|ponctuellement|une fois par mois|chaque mercredi|sur demande|en soirée|du lundi au vendredi|
        avant la rentrée|pour le mois de décembre|au printemps|à l'automne|cet hiver|le premier samedi du mois|
        sur rendez-vous|dans les quinze jours|rapidement|au plus vite|d'ici la fin de l'année|pour trois mois|
        à la demi-journée|à la journée|à la semaine|au mois|le dimanche|le mardi soir|pendant la braderie|
        en juillet et août|à partir de septembre|après les fêtes|pendant le carême|le jeudi après-midi|
        deux fois par semaine|toute l'année|en période de récolte|pendant le ramadan|pour la Toussaint
        """);

    public static readonly string[] Conditions = L("""
        contre une participation aux frais|gratuitement pour les adhérents|à prix solidaire|à récupérer sur place|
        livraison possible|transport non assuré|sous réserve de disponibilité|à rendre propre et complet|
        sur présentation d'une attestation d'assurance|avec une petite formation à la prise en main|
        en échange d'un coup de main|avec une convention de prêt|facture possible|contre un chèque de caution|
        pour les structures du réseau uniquement|sans condition|à tarif réduit pour les associations|
        en priorité pour les petites structures|avec un état des lieux à l'entrée et à la sortie|
        à venir chercher avec un utilitaire|avec le mode d'emploi|pour une durée limitée|à prix coûtant|
        selon vos moyens|en échange de visibilité|contre un don libre à l'association|après signature d'un contrat
        """);

    public static readonly string[] Themes = L("""
        l'économie circulaire|le zéro déchet|la transition écologique|l'insertion professionnelle|le lien social|
        l'alimentation durable|l'éducation populaire|la mobilité douce|le réemploi|la solidarité|la culture pour tous|
        l'inclusion numérique|l'égalité femmes-hommes|la biodiversité|l'agriculture urbaine|la santé|le sport pour tous|
        le logement|l'accès aux droits|la petite enfance|la jeunesse|le vieillissement|le handicap|la lutte contre l'isolement|
        la précarité énergétique|les circuits courts|le commerce équitable|la coopération|l'entrepreneuriat social|
        la finance solidaire|la démocratie participative|l'accueil des migrants|la mémoire ouvrière|le patrimoine minier|
        la protection du littoral|l'eau|la rénovation thermique|les low-tech|le logiciel libre|la sobriété|le climat
        """);

    public static readonly string[] Accessories = L("""
        sa housse|ses piquets|un sac de transport|la notice|deux batteries|le chargeur|des sangles|des lests|
        un jeu de clés|les câbles|une rallonge|la télécommande|un pied|ses roulettes|une bâche de protection|
        les parois latérales|un kit de fixation|un jeu de lames|une mallette|des consommables|un adaptateur|
        les accessoires d'origine|une caisse de rangement|un manuel en français|des gants|des lunettes de protection
        """);

    public static readonly string[] Materials = L("""
        bois|acier|aluminium|inox|plastique recyclé|chêne|pin|hêtre|métal|toile|PVC|verre|osier|bambou|carton|
        coton|lin|laine|cuir|fonte|cuivre|béton|pierre|terre cuite|résine|polyester|contreplaqué|mélaminé
        """);

    public static readonly string[] Colours = L("""
        blanc/blanche|noir/noire|gris/grise|=bleu marine|vert/verte|rouge|jaune|=orange|=marron|beige|=rose|
        =bleu|=kaki|=bordeaux|violet/violette|=anthracite|=gris clair|=vert sapin|=crème
        """);

    public static readonly string[] FirstNames = L("""
        Camille|Julie|Thomas|Nicolas|Sophie|Marie|Léa|Lucas|Hugo|Chloé|Emma|Manon|Julien|Mathieu|Pauline|Sarah|Karim|
        Nadia|Mohamed|Fatima|Yasmine|Mehdi|Amina|Samir|Inès|Antoine|Claire|Élodie|Aurélie|Céline|Sébastien|Guillaume|
        Maxime|Alexandre|Laura|Anaïs|Jérôme|Christophe|Isabelle|Nathalie|Sylvie|Philippe|Pascal|Bernard|Jean-Pierre|
        Dominique|Martine|Françoise|Brigitte|Michel|Didier|Frédéric|Stéphane|Virginie|Sandrine|Delphine|Benoît|
        Arnaud|Romain|Clément|Quentin|Florian|Kevin|Jordan|Océane|Mélanie|Justine|Marion|Agathe|Gaspard|Louise|
        Rose|Jules|Arthur|Louis|Gabriel|Adam|Rayan|Sofiane|Bilal|Ibrahim|Aïcha|Malik|Yanis|Lina|Kenza|Mariama|Moussa
        """);

    public static readonly string[] LastNames = L("""
        Lefebvre|Dubois|Leroy|Dupont|Lemaire|Delattre|Deschamps|Vandenbussche|Vanhoutte|Desmet|Delcroix|Lecomte|
        Caron|Deleplanque|Delannoy|Dufour|Lemoine|Martin|Bernard|Petit|Durand|Dumont|Leclercq|Fontaine|Carpentier|
        Hennebelle|Verstraete|Dewitte|Dhaenens|Vasseur|Bouchez|Debruyne|Wallaert|Lenoir|Brunet|Lambert|Bonnet|
        Mercier|Boulanger|Leblanc|Benali|Haddad|Mansouri|Diallo|Traoré|Nguyen|Kowalski|Nowak|Wojcik|Dufresne|
        Bruneel|Coppin|Delbecque|Descamps|Dhainaut|Duhamel|Flament|Gosselin|Hochart|Lagache|Leturcq|Lhermitte|
        Poulain|Prévost|Roussel|Sergeant|Vanneste|Waeles|Lheureux|Copin|Cuvelier|Demarcq|Lefranc|Obry
        """);

    public static readonly string[] Activities = L("""
        réparation de vélos|épicerie solidaire|recyclerie|insertion par l'activité économique|jardinage|maraîchage bio|
        vélo-école|autoréparation|repair café|atelier couture|ressourcerie|café associatif|tiers-lieu|fablab|
        accompagnement numérique|formation|conseil aux associations|comptabilité|graphisme|vidéo|radio associative|
        théâtre|musique|danse|arts plastiques|éducation populaire|accueil de loisirs|soutien scolaire|alphabétisation|
        aide alimentaire|restauration|traiteur|circuit court|AMAP|brasserie artisanale|boulangerie|apiculture|
        compostage|entretien d'espaces verts|nettoyage|bâtiment|rénovation énergétique|éco-construction|menuiserie|
        déménagement solidaire|transport solidaire|auto-partage|garage solidaire|location de matériel|événementiel|
        sonorisation|impression|sérigraphie|édition|librairie|ludothèque|médiation culturelle|patrimoine|tourisme solidaire|
        hébergement|logement d'urgence|accès aux droits|santé|petite enfance|parentalité|seniors|handicap|
        emploi|groupement d'employeurs|coopérative d'activité|finance solidaire|monnaie locale|commerce équitable|
        friperie|vente en vrac|réemploi|collecte de déchets|biodéchets|énergie citoyenne|panneaux solaires|
        développement web|logiciel libre|reconditionnement informatique|formation professionnelle|coworking|
        animation de quartier|médiation sociale|sport|football|randonnée|cyclisme|boxe éducative|escalade
        """);

    public static readonly string[] OrganizationPrefixes = L("""
        Atelier|Association|Collectif|Recyclerie|Ressourcerie|Compagnie|Maison|Jardin|Épicerie solidaire|Café|
        Coopérative|Fabrique|Réseau|Comptoir|Fablab|Tiers-lieu|Centre social|Régie de quartier|Entreprise d'insertion|
        Chantier d'insertion|Brasserie|Ferme|AMAP|Ludothèque|Repair café|Vélo-école|Radio|Théâtre|Studio|Agence|
        Cabinet|Bureau d'études|Crèche|Club|Union|Foyer|Amicale|Comité|Garage solidaire|Boutique|Friperie|Les Amis
        """);

    public static readonly string[] OrganizationPlaces = L("""
        des Flandres|de l'Avesnois|du Hainaut|de la Côte d'Opale|du Cambrésis|de l'Artois|du Boulonnais|du Ternois|
        du Vermandois|de Thiérache|du Soissonnais|du Valois|du Beauvaisis|du Noyonnais|du Santerre|du Ponthieu|
        du Marquenterre|de la Pévèle|de la Lys|de la Deûle|de la Scarpe|de l'Escaut|de la Sambre|de la Somme|
        de l'Oise|de l'Aisne|des Hauts|du Nord|du Bassin minier|du Montreuillois|du Calaisis|du Dunkerquois|
        de la Métropole|du Douaisis|du Valenciennois|du Laonnois|du Clermontois|du Compiégnois|de l'Amiénois
        """);

    public static readonly string[] OrganizationNames = L("""
        Roue Libre|Les Mains Vertes|Bric et Broc|Le Grand Bazar|La Clé|Cœur de Quartier|Le Fil Rouge|La Boussole|
        Les Ateliers Partagés|Solidarité|Entraide|Le Relais|La Bobine|Terre d'Avenir|Les Jardins d'Émeraude|
        L'Outil en Main|Le Local|La Passerelle|Le Pont|Les Colibris|La Fourmilière|La Ruche|Le Chaudron|L'Étincelle|
        Bout d'Ficelle|La Filature|Le Terril Vert|La Brique|Le Beffroi|Le Tamis|La Courte Échelle|Le Coin des Bricoleurs|
        La Belle Échappée|Les Petites Mains|Le Vélo Libre|La Marmite|Le Panier Solidaire|Les Semeurs|La Bonne Graine|
        Le Quai|L'Escale|La Boîte à Outils|Les Compagnons du Bâti|Le Grenier|Le Chantier|La Petite Usine|Le Moulin|
        La Cantine|La Guinguette|L'Estaminet|Le Bistrot du Coin|La Frite Solidaire|Les Géants|Le Carillon|La Ducasse|
        Le Pavé|La Gaillette|Le Chevalement|La Houblonnière|Le Courant d'Air|Les Trois Rivières|L'Archipel|Le Phare
        """);

    public static readonly string[] Weekdays = L("lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche");

    public static readonly string[] Months = L("janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre");

    public static readonly string[] Durations = L("""
        une journée|un week-end|une semaine|deux jours|trois jours|quinze jours|un mois|deux mois|une soirée|
        une matinée|un après-midi|six mois|un an|deux heures|une demi-journée
        """);
}

/// <summary>What a listing is about, which decides the exchange modes that make sense for it.</summary>
enum Subject { Thing, Premises, Food, Service, People }

/// <summary>The nouns of one category: things and services, and how often a listing is about a thing.</summary>
sealed record CategoryWords(string Slug, double ThingShare, Subject ThingKind, Subject ServiceKind, string[] Things, string[] Services);
