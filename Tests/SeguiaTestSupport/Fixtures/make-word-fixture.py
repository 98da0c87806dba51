"""Writes word-tiznit-en.docx (python-docx 1.2): see README.md."""
import shutil
import zipfile

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

d = docx.Document()
properties = d.core_properties
properties.title = "Reuse of treated wastewater in Tiznit"
properties.author = "Experts-Solidaires"
properties.subject = "Wastewater reuse"
d.add_paragraph("Reuse of treated wastewater in Tiznit", style="Title")
custom = d.styles.add_style("Intertitre maison", WD_STYLE_TYPE.PARAGRAPH)
custom.base_style = d.styles["Normal"]
level = OxmlElement("w:outlineLvl")
level.set(qn("w:val"), "0")
custom.element.get_or_add_pPr().append(level)
d.add_paragraph("Summary", style="Heading 1")
d.add_paragraph(
    "The municipality and the utility irrigate public gardens with treated wastewater since 2016, "
    "after a pilot on two parks that convinced the elected council.")
d.add_paragraph("Context", style="Intertitre maison")
p = d.add_paragraph("Drinking water was used for the gardens. ")
p.add_run("Summers are long and dry.")
deletion = OxmlElement("w:del")
deletion.set(qn("w:id"), "1")
deletion.set(qn("w:author"), "x")
run = OxmlElement("w:r")
deleted = OxmlElement("w:delText")
deleted.text = "DELETEDWORD"
run.append(deleted)
deletion.append(run)
p._p.append(deletion)
d.add_paragraph("Key findings", style="Heading 2")
d.add_paragraph("Consumption of drinking water by the gardens fell.", style="List Bullet")
d.add_paragraph("Residents accepted the reuse once results were published.", style="List Bullet")
d.add_paragraph("Step one", style="List Number")
bold = d.add_paragraph().add_run("What we would do differently")
bold.bold = True
d.add_paragraph("Publish the laboratory results from the first month.")
table = d.add_table(rows=2, cols=2)
table.cell(0, 0).text = "Partner"
table.cell(0, 1).text = "Role"
table.cell(1, 0).text = "Utility"
table.cell(1, 1).text = "Operates the plant"
field = d.add_paragraph("Page ")
for kind, text in [("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "7"), ("end", None)]:
    run = OxmlElement("w:r")
    if kind == "instr":
        element = OxmlElement("w:instrText")
        element.text = text
    elif kind == "text":
        element = OxmlElement("w:t")
        element.text = text
    else:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
    run.append(element)
    field._p.append(run)
d.save("word-tiznit-en.docx")

# French Word names its heading styles Titre1, Titre2 (ids), keeping the built-in names.
with zipfile.ZipFile("word-tiznit-en.docx") as source, zipfile.ZipFile("word-tiznit-en.tmp", "w", zipfile.ZIP_DEFLATED) as target:
    for item in source.infolist():
        data = source.read(item.filename)
        if item.filename in ("word/styles.xml", "word/document.xml"):
            for english, french in [(b"Heading1", b"Titre1"), (b"Heading2", b"Titre2")]:
                data = data.replace(b'w:styleId="' + english + b'"', b'w:styleId="' + french + b'"')
                data = data.replace(b'w:val="' + english + b'"', b'w:val="' + french + b'"')
        target.writestr(item, data)
shutil.move("word-tiznit-en.tmp", "word-tiznit-en.docx")
