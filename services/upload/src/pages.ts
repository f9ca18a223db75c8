// The pages people use: log in, the archive (upload, follow progress) and a document's review page. Plain HTML
// and a little script over the JSON API, so the API stays the one source of truth.

const STYLE = `body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;max-width:1100px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:middle}
.flag{color:#a40}.ok{color:#070}img{max-width:420px;border:1px solid #ccc}input{padding:.3rem}button{padding:.3rem .8rem}
.muted{color:#666;font-size:.9em}`;

// The inline style and script carry the response's CSP nonce (security-headers.ts): no other script runs.
const page = (title: string, body: string, script: string, nonce: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>${title}</title><style nonce="${nonce}">${STYLE}</style></head><body>${body}<script nonce="${nonce}">${script}</script></body></html>`;

/** A value as a JavaScript literal safe inside <script>: no `</script>` or `<!--` can close or confuse it. */
const scriptLiteral = (value: string) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

const ESCAPE = `const esc=(s)=>String(s??'').replace(/[&<>"']/g,(c)=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));`;

// Who is logged in (and the session's CSRF token, sent back on every change); without a session, the login page.
const SESSION = `let me=null;const toLogin=()=>{location.href='/login?next='+encodeURIComponent(location.pathname)};
async function api(url,opts={}){const r=await fetch(url,{...opts,headers:{...(opts.headers||{}),'x-csrf-token':me?me.csrfToken:''}});if(r.status===401){toLogin();throw new Error('logged out');}return r;}
async function session(){const r=await fetch('/api/auth/me');if(!r.ok){toLogin();throw new Error('not logged in');}me=await r.json();
document.getElementById('who').textContent=me.username+' ('+me.roles.join(', ')+')';}`;

const USER_BAR = `<p class="muted">Logged in as <span id="who"></span> · <a href="#" id="logout">log out</a></p>`;
const LOGOUT = `document.getElementById('logout').onclick=async(e)=>{e.preventDefault();await api('/api/auth/logout',{method:'POST'}).catch(()=>{});toLogin();};`;

/** The login form; the session cookie it gets is what the other pages' requests carry. */
export function loginPage(nonce: string): string {
  return page('docpipe: log in', `<h1>docpipe</h1><form id="f"><p><label>User <input name="username" autocomplete="username" required></label></p>
<p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p><p><button>Log in</button> <span id="msg" class="flag"></span></p></form>`,
  `document.getElementById('f').onsubmit=async(e)=>{e.preventDefault();const f=e.target;
const r=await fetch('/api/auth/login',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({username:f.username.value,password:f.password.value})});
if(!r.ok){document.getElementById('msg').textContent=(await r.json()).error;return;}
const next=new URLSearchParams(location.search).get('next')||'/';location.href=next.startsWith('/')&&!next.startsWith('//')?next:'/';};`, nonce);
}

/** Upload one or many PDFs and watch their progress. */
export function archivePage(nonce: string): string {
  return page('docpipe: documents', `<h1>docpipe</h1>${USER_BAR}
<form id="f"><input type="file" name="file" accept="application/pdf" multiple> <button>Upload</button> <span id="msg" class="muted"></span></form>
<h2>Documents</h2><table><thead><tr><th>File</th><th>Pages</th><th>Status</th><th>OCR</th><th>Tables</th><th></th></tr></thead><tbody id="docs"></tbody></table>`,
  `${ESCAPE}${SESSION}${LOGOUT}
document.getElementById('f').onsubmit=async(e)=>{e.preventDefault();const files=e.target.file.files;const msg=document.getElementById('msg');
for(const file of files){const fd=new FormData();fd.append('file',file);const r=await api('/api/documents',{method:'POST',body:fd});const j=await r.json();
msg.textContent=r.ok?(j.duplicate?file.name+': already uploaded':file.name+': accepted'):file.name+': '+j.error;}load();};
async function load(){const r=await api('/api/documents?limit=200');const j=await r.json();document.getElementById('docs').innerHTML=j.items.map((d)=>
'<tr><td>'+esc(d.filename)+'</td><td>'+d.pages+'</td><td>'+esc(d.status)+(d.failure?' <span class="flag">'+esc(d.failure)+'</span>':'')+(d.attention?' <span class="flag">'+esc(d.attention.join('; '))+'</span>':'')+'</td><td>'+d.progress.ocr.done+'/'+d.progress.ocr.total+
(d.progress.ocr.failed?' <span class="flag">('+d.progress.ocr.failed+' failed)</span>':'')+'</td><td>'+d.progress.tables.done+'/'+d.progress.tables.total+'</td><td>'+
(d.status==='done'||d.status==='needs-attention'?'<a href="'+d.links.report+'">report</a> · <a href="'+d.links.review+'">review</a>':'')+'</td></tr>').join('');}
session().then(()=>{load();let soon=null;new EventSource('/api/documents/events').addEventListener('document',()=>{clearTimeout(soon);soon=setTimeout(load,300);});});`, nonce);
}

/** The fields of one document that need a person, each beside the image of its cell. */
export function reviewPage(documentId: string, nonce: string): string {
  const id = scriptLiteral(documentId);
  return page('docpipe: review', `<h1>Review</h1>${USER_BAR}<p id="head" class="muted"></p>
<table><thead><tr><th>Field</th><th>Cell image</th><th>Read</th><th>Why</th><th>Correct value</th></tr></thead><tbody id="rows"></tbody></table>`,
  `${ESCAPE}${SESSION}${LOGOUT}const id=${id};
async function load(){const r=await api('/api/documents/'+id+'/review');const j=await r.json();if(!r.ok){document.getElementById('head').textContent=j.error;return;}
document.getElementById('head').textContent=j.filename+': '+j.fields.length+' of '+j.total+' fields need review';
document.getElementById('rows').innerHTML=j.fields.map((f)=>'<tr><td>'+esc(f.key)+'</td><td>'+(f.imageUrl?'<img src="'+esc(f.imageUrl)+'">':'')+'</td><td>'+esc(f.raw)+
' <span class="muted">('+f.confidence+')</span></td><td class="flag">'+esc(f.reasons.join('; '))+(f.suggestion?'<br>suggested: '+f.suggestion.value:'')+'</td><td><input data-key="'+esc(f.key)+'" value="'+
esc(f.suggestion?f.suggestion.value:f.raw)+'"> <button data-key="'+esc(f.key)+'">Save</button></td></tr>').join('');}
document.getElementById('rows').onclick=async(e)=>{const key=e.target.dataset.key;if(!key||e.target.tagName!=='BUTTON')return;const raw=document.querySelector('input[data-key="'+CSS.escape(key)+'"]').value;
const r=await api('/api/documents/'+id+'/fields/'+encodeURIComponent(key)+'/review',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({raw})});
const j=await r.json();if(!r.ok){alert(j.error);return;}load();};
session().then(load);`, nonce);
}

/** The API reference (swagger-ui, served from this service: no CDN) over /api/openapi.json. */
export function apiDocsPage(nonce: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>docpipe API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script nonce="${nonce}" src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script nonce="${nonce}">window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui' });</script></body></html>`;
}
