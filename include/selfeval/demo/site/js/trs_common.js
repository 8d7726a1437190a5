/* TRS WCM page helpers */
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) {
  if (_nPageCount == null || _nPageCount <= 1) { return; }
  var h = '';
  var url = function (i) { return i == 0 ? _sPageName + '.' + _sPageExt : _sPageName + '_' + i + '.' + _sPageExt; };
  h += '<a href="' + url(0) + '">首页</a>';
  h += _nCurrIndex > 0 ? '<a href="' + url(_nCurrIndex - 1) + '">上一页</a>' : '<span>上一页</span>';
  for (var i = 0; i < _nPageCount; i++) {
    h += i == _nCurrIndex ? '<span class="cur">' + (i + 1) + '</span>' : '<a href="' + url(i) + '">' + (i + 1) + '</a>';
  }
  h += _nCurrIndex < _nPageCount - 1 ? '<a href="' + url(_nCurrIndex + 1) + '">下一页</a>' : '<span>下一页</span>';
  h += '<a href="' + url(_nPageCount - 1) + '">尾页</a>';
  var box = document.getElementById('page-fallback');
  if (box) { box.innerHTML = h; }
}
function downloadFj(name, url) {
  var a = document.createElement('a'); a.href = url; a.download = name; document.body.appendChild(a); a.click();
  document.body.removeChild(a);
}
function doZoom(size){var el=document.getElementById('zoom');if(el){el.style.fontSize=size+'px';}}
