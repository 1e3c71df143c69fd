# cmake: weft_antlr_generate(NAME GRAMMAR OUTDIR) runs Debian's ANTLR 4.7.2 tool at build time
# (class path, not `java -jar`; see shared/TOOLCHAIN.md) and sets NAME_SOURCES/NAME_HEADERS.
find_package(Java COMPONENTS Runtime REQUIRED)
set(WEFT_ANTLR_CLASSPATH
  "/usr/share/java/antlr4.jar:/usr/share/java/antlr4-runtime.jar:/usr/share/java/stringtemplate4.jar:/usr/share/java/antlr3-runtime.jar:/usr/share/java/treelayout.jar")

function(weft_antlr_generate name grammar outdir package)
  get_filename_component(base ${grammar} NAME_WE)
  set(outputs
    ${outdir}/${base}Lexer.cpp ${outdir}/${base}Parser.cpp
    ${outdir}/${base}Visitor.cpp ${outdir}/${base}BaseVisitor.cpp)
  set(headers
    ${outdir}/${base}Lexer.h ${outdir}/${base}Parser.h
    ${outdir}/${base}Visitor.h ${outdir}/${base}BaseVisitor.h)
  add_custom_command(
    OUTPUT ${outputs} ${headers}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${outdir}
    COMMAND ${Java_JAVA_EXECUTABLE} -cp ${WEFT_ANTLR_CLASSPATH} org.antlr.v4.Tool
            -Dlanguage=Cpp -visitor -no-listener -package ${package} -Werror
            -Xexact-output-dir -o ${outdir} ${grammar}
    DEPENDS ${grammar}
    COMMENT "ANTLR: generating the ${base} parser"
    VERBATIM)
  set(${name}_SOURCES ${outputs} PARENT_SCOPE)
  set(${name}_HEADERS ${headers} PARENT_SCOPE)
endfunction()
