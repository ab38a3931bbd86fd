// Swagger UI in French (/docs, web/api_docs.py): a Swagger UI plugin that rewrites the
// interface's own labels ("Try it out", "Execute", "Responses"…) as they are drawn.
//
// Swagger UI has no translation support (its issue #2488 is open; no maintained translation
// package exists on npm or PyPI), and its labels are literals inside its React components, so
// wrapping a component cannot reach them without copying it. The plugin watches the page
// (a MutationObserver on Swagger UI's root, whose callbacks run before the browser paints) and
// replaces a text or a label attribute only when it is, whole, one of the English labels below:
// what the API describes (its summaries, descriptions, names, examples, responses) is never
// touched, nor are the technical names (types, "oauth2", header names).
//
// The labels are those of the swagger-ui-bundle-v2 package's Swagger UI 5
// (src/core/components and plugins); a label a later version adds stays English until it is
// added here (tests/web/test_accessibility.py fails on the common ones).
(function () {
  "use strict";

  // The English label, whole and trimmed, and its French.
  var LABELS = {
    "Try it out": "Essayer",
    "Cancel": "Annuler",
    "Execute": "Exécuter",
    "Clear": "Effacer",
    "Reset": "Réinitialiser",
    "Authorize": "Se connecter",
    "Authorized": "Connecté",
    "Logout": "Se déconnecter",
    "Close": "Fermer",
    "Available authorizations": "Connexions possibles",
    "Apply credentials": "Appliquer les identifiants",
    "Apply given OAuth2 credentials": "Appliquer les identifiants OAuth2 saisis",
    "Remove authorization": "Retirer la connexion",
    "authorization button locked": "connecté",
    "authorization button unlocked": "non connecté",
    "Flow:": "Flux :",
    "Token URL:": "Adresse du jeton :",
    "Authorization URL:": "Adresse d'autorisation :",
    "OpenID Connect URL:": "Adresse OpenID Connect :",
    "Scopes:": "Droits (scopes) :",
    "Username:": "Identifiant :",
    "Password:": "Mot de passe :",
    "Value:": "Valeur :",
    "Name:": "Nom :",
    "In:": "Dans :",
    "Client credentials location:": "Emplacement des identifiants du client :",
    "Basic authorization": "Authentification basique",
    "Authorization header": "En-tête Authorization",
    "select all": "tout choisir",
    "select none": "ne rien choisir",
    "API requires the following scopes. Select which ones you want to grant to Swagger UI.":
      "L'API demande les droits suivants. Choisissez ceux que vous accordez à cette page.",
    "Scopes are used to grant an application different levels of access to data on behalf of the end user. Each API may declare one or more scopes.":
      "Les droits (scopes) accordent à une application différents niveaux d'accès aux données au nom de l'utilisateur. Chaque API peut en déclarer un ou plusieurs.",
    "Parameters": "Paramètres",
    "No parameters": "Aucun paramètre",
    "Name": "Nom",
    "Request body": "Corps de la requête",
    "Responses": "Réponses",
    "Response": "Réponse",
    "Links": "Liens",
    "No links": "Aucun lien",
    "Details": "Détails",
    "Media type": "Type de média",
    "Controls": "Définit l'en-tête",
    "header.": ".",
    "Example Value": "Exemple de valeur",
    "Example": "Exemple",
    "Examples": "Exemples",
    "Examples:": "Exemples :",
    "Example Description": "Description de l'exemple",
    "Schema": "Schéma",
    "Schemas": "Schémas",
    "Models": "Modèles",
    "Edit Value": "Modifier la valeur",
    "Send empty value": "Envoyer une valeur vide",
    "Default value": "Valeur par défaut",
    "Available values": "Valeurs possibles",
    "Enum:": "Valeurs possibles :",
    "Parameter content type": "Type de contenu du paramètre",
    "Request content type": "Type de contenu de la requête",
    "Response content type": "Type de contenu de la réponse",
    "Media Type": "Type de média",
    "Request URL": "Adresse de la requête",
    "Request duration": "Durée de la requête",
    "Server response": "Réponse du serveur",
    "Response body": "Corps de la réponse",
    "Response headers": "En-têtes de la réponse",
    "Headers:": "En-têtes :",
    "Download": "Télécharger",
    "Download file": "Télécharger le fichier",
    "Undocumented": "Non documentée",
    "Callbacks": "Rappels",
    "No callbacks": "Aucun rappel",
    "Servers": "Serveurs",
    "Server variables": "Variables du serveur",
    "Computed URL:": "Adresse calculée :",
    "Schemes": "Schémas d'URL",
    "Expand all": "Tout déplier",
    "Collapse all": "Tout replier",
    "Expand operation": "Déplier l'opération",
    "Collapse operation": "Replier l'opération",
    "Copy to clipboard": "Copier",
    "Filter by tag": "Filtrer par groupe",
    "Deprecated:": "Obsolète :",
    "Warning: Deprecated": "Attention : obsolète",
    "Warning": "Attention",
    "Required field is not provided": "Champ obligatoire non renseigné",
    "Please correct the following validation errors and try again.":
      "Corrigez les erreurs suivantes, puis recommencez.",
    "Additional properties": "Propriétés supplémentaires",
    "Field": "Champ",
    "Value": "Valeur",
    "Items": "Éléments",
    "Errors": "Erreurs",
    "Error": "Erreur",
    "Loading...": "Chargement…",
    "Failed to load API definition.": "La description de l'API n'a pas pu être chargée.",
    "Fetch error": "Erreur de chargement",
    "No operations defined in spec!": "Aucune opération n'est décrite.",
    "No API definition provided.": "Aucune description d'API fournie.",
    "Unable to render this definition": "Cette description ne peut pas être affichée",
    "Terms of service": "Conditions d'utilisation",
    "External documentation": "Documentation externe",
    "Find more details": "En savoir plus",
    "Hide": "Masquer",
    "Show": "Afficher",
    "Overview": "Aperçu",
    "Required when defined": "Obligatoire s'il est présent",
    "One of": "L'un de",
    "Any of": "Au moins l'un de",
    "All of": "Tous à la fois",
    "Not": "Sauf",
    // The JSON Schema 2020-12 models (Swagger UI's plugins/json-schema-2020-12): their keywords
    // and attributes; the XML ones (name, namespace, prefix, wrapped, attribute) are technical.
    "allowed": "permises",
    "forbidden": "interdites",
    "read-only": "lecture seule",
    "write-only": "écriture seule",
    "deprecated": "obsolète",
    "Contains": "Contient",
    "Content schema": "Schéma du contenu",
    "Dependent schemas": "Schémas dépendants",
    "If": "Si",
    "Then": "Alors",
    "Else": "Sinon",
    "Prefix items": "Premiers éléments",
    "Property names": "Noms des propriétés",
    "Unevaluated items": "Éléments non évalués",
    "Unevaluated properties": "Propriétés non évaluées",
    "Discriminator": "Discriminant",
    "Extension Keywords": "Mots-clés d'extension",
  };

  // Labels made of a variable part.
  var PATTERNS = [
    [/^For '(.+)': Required field is not provided\.$/, "Pour « $1 » : champ obligatoire non renseigné."],
    [/^Example values are not available for$/, "Pas d'exemple de valeur pour"],
  ];

  // Where a parameter is sent ("(query)"), under its name.
  var LOCATIONS = { query: "requête", path: "chemin", header: "en-tête", cookie: "cookie", formData: "formulaire" };

  // What the API itself says, and what a person typed: never rewritten.
  var VERBATIM = ".markdown, .renderedMarkdown, pre, code, textarea, input, select, option, " +
    ".opblock-summary-path, .opblock-summary-description, .parameter__name, .model-title, " +
    ".prop-name, .info .title, .opblock-tag";

  var ATTRIBUTES = ["title", "aria-label", "placeholder", "value"];

  function french(text) {
    var trimmed = text.trim();
    if (!trimmed) return null;
    if (Object.prototype.hasOwnProperty.call(LABELS, trimmed)) return LABELS[trimmed];
    for (var i = 0; i < PATTERNS.length; i++) {
      if (PATTERNS[i][0].test(trimmed)) return trimmed.replace(PATTERNS[i][0], PATTERNS[i][1]);
    }
    return null;
  }

  function translateText(node) {
    var parent = node.parentElement;
    if (!parent) return;
    var text = node.nodeValue;
    var translated = null;
    if (parent.closest(".parameter__in")) {
      var bare = text.trim();
      if (Object.prototype.hasOwnProperty.call(LOCATIONS, bare)) translated = LOCATIONS[bare];
    } else if (!parent.closest(VERBATIM) || parent.matches(".opblock-title")) {
      // (A request body's heading, "Request body", wears the class of parameter names.)
      translated = french(text);
    }
    if (translated !== null) {
      var lead = text.match(/^\s*/)[0];
      var tail = text.match(/\s*$/)[0];
      if (node.nodeValue !== lead + translated + tail) node.nodeValue = lead + translated + tail;
    }
  }

  // Attributes hold no API text that is, whole, one of the labels: translated everywhere.
  function translateAttributes(element) {
    for (var i = 0; i < ATTRIBUTES.length; i++) {
      var name = ATTRIBUTES[i];
      if (name === "value" && element.tagName !== "BUTTON") continue;
      var value = element.getAttribute(name);
      if (value === null) continue;
      var translated = french(value);
      if (translated !== null) element.setAttribute(name, translated);
    }
  }

  function translateTree(root) {
    if (root.nodeType === Node.TEXT_NODE) {
      translateText(root);
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    translateAttributes(root);
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var node = walker.currentNode;
      if (node.nodeType === Node.TEXT_NODE) translateText(node);
      else translateAttributes(node);
    }
  }

  function watch(root) {
    translateTree(root);
    new MutationObserver(function (mutations) {
      for (var i = 0; i < mutations.length; i++) {
        var mutation = mutations[i];
        if (mutation.type === "childList") {
          for (var j = 0; j < mutation.addedNodes.length; j++) translateTree(mutation.addedNodes[j]);
        } else if (mutation.type === "characterData") {
          translateText(mutation.target);
        } else if (mutation.type === "attributes") {
          translateAttributes(mutation.target);
        }
      }
    }).observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ATTRIBUTES,
    });
  }

  // The plugin for the element Swagger UI draws into: its labels are French from the first
  // paint on (web/static/api-docs.js passes it in `plugins`).
  window.relaisFrenchLabels = function (root) {
    return function () {
      return {
        afterLoad: function () {
          watch(root);
        },
      };
    };
  };
})();
