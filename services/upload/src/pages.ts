// The two pages people use: the archive (upload, follow progress) and a document's review page. Plain HTML
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

/** Upload one or many PDFs and watch their progress. */
export function archivePage(nonce: string): string {
  return page('docpipe: documents', `<h1>docpipe</h1>
<form id="f"><input type="file" name="file" accept="application/pdf" multiple> <button>Upload</button> <span id="msg" class="muted"></span></form>
<h2>Documents</h2><table><thead><tr><th>File</th><th>Pages</th><th>Status</th><th>OCR</th><th>Tables</th><th></th></tr></thead><tbody id="docs"></tbody></table>`,
  `${ESCAPE}
document.getElementById('f').onsubmit=async(e)=>{e.preventDefault();const files=e.target.file.files;const msg=document.getElementById('msg');
for(const file of files){const fd=new FormData();fd.append('file',file);const r=await fetch('/api/documents',{method:'POST',body:fd});const j=await r.json();
msg.textContent=r.ok?(j.duplicate?file.name+': already uploaded':file.name+': accepted'):file.name+': '+j.error;}load();};
async function load(){const r=await fetch('/api/documents?limit=200');const j=await r.json();document.getElementById('docs').innerHTML=j.items.map((d)=>
'<tr><td>'+esc(d.filename)+'</td><td>'+d.pages+'</td><td>'+esc(d.status)+(d.failure?' <span class="flag">'+esc(d.failure)+'</span>':'')+(d.attention?' <span class="flag">'+esc(d.attention.join('; '))+'</span>':'')+'</td><td>'+d.progress.ocr.done+'/'+d.progress.ocr.total+
(d.progress.ocr.failed?' <span class="flag">('+d.progress.ocr.failed+' failed)</span>':'')+'</td><td>'+d.progress.tables.done+'/'+d.progress.tables.total+'</td><td>'+
(d.status==='done'||d.status==='needs-attention'?'<a href="'+d.links.report+'">report</a> · <a href="'+d.links.review+'">review</a>':'')+'</td></tr>').join('');}
load();setInterval(load,3000);`, nonce);
}

/** The fields of one document that need a person, each beside the image of its cell. */
export function reviewPage(documentId: string, nonce: string): string {
  const id = scriptLiteral(documentId);
  return page('docpipe: review', `<h1>Review</h1><p id="head" class="muted"></p>
<p>Reviewer: <input id="who" placeholder="your name"></p><table><thead><tr><th>Field</th><th>Cell image</th><th>Read</th><th>Why</th><th>Correct value</th></tr></thead><tbody id="rows"></tbody></table>`,
  `${ESCAPE}const id=${id};
document.getElementById('who').value=localStorage.getItem('reviewer')||'';
async function load(){const r=await fetch('/api/documents/'+id+'/review');const j=await r.json();if(!r.ok){document.getElementById('head').textContent=j.error;return;}
document.getElementById('head').textContent=j.filename+': '+j.fields.length+' of '+j.total+' fields need review';
document.getElementById('rows').innerHTML=j.fields.map((f)=>'<tr><td>'+esc(f.key)+'</td><td>'+(f.imageUrl?'<img src="'+esc(f.imageUrl)+'">':'')+'</td><td>'+esc(f.raw)+
' <span class="muted">('+f.confidence+')</span></td><td class="flag">'+esc(f.reasons.join('; '))+(f.suggestion?'<br>suggested: '+f.suggestion.value:'')+'</td><td><input data-key="'+esc(f.key)+'" value="'+
esc(f.suggestion?f.suggestion.value:f.raw)+'"> <button data-key="'+esc(f.key)+'">Save</button></td></tr>').join('');}
document.getElementById('rows').onclick=async(e)=>{const key=e.target.dataset.key;if(!key||e.target.tagName!=='BUTTON')return;const who=document.getElementById('who').value;
localStorage.setItem('reviewer',who);const raw=document.querySelector('input[data-key="'+CSS.escape(key)+'"]').value;
const r=await fetch('/api/documents/'+id+'/fields/'+encodeURIComponent(key)+'/review',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({reviewer:who,raw})});
const j=await r.json();if(!r.ok){alert(j.error);return;}load();};
load();`, nonce);
}
